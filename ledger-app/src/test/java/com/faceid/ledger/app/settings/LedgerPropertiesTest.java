package com.faceid.ledger.app.settings;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.pricing.TierConvention;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings bind with their defaults, and a value out of range stops the start naming the setting. */
class LedgerPropertiesTest {
    @Configuration
    @EnableConfigurationProperties(LedgerProperties.class)
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void withNothingSetEverySettingHasItsDefault() {
        runner.run(context -> {
            LedgerProperties p = context.getBean(LedgerProperties.class);
            assertThat(p.zone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
            assertThat(p.tierConvention()).isEqualTo(TierConvention.UPPER_INCLUSIVE);
            assertThat(p.billableResultCodes()).containsExactly("Success", "IdNameMisMatch", "CompareLowSimilarity");
            assertThat(p.closeGrace()).isEqualTo(Duration.ofDays(2));
            assertThat(p.holdTtl()).isEqualTo(com.faceid.ledger.pricing.BillingPolicy.STANDARD_HOLD_TTL);
            assertThat(p.reminderUsagePercents()).isEqualTo(List.of(50, 70, 90));
            assertThat(p.schedulerEnabled()).isTrue();
            assertThat(p.nodeId()).isEmpty();
            assertThat(p.demo().days()).isEqualTo(370);
            assertThat(p.asOfCheckpointEvents()).isEqualTo(2000);
        });
    }

    @Test
    void aSettingOutOfRangeStopsTheStartNamingIt() {
        runner.withPropertyValues("ledger.snapshot-threshold=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("snapshotThreshold");
        });
        runner.withPropertyValues("ledger.billable-result-codes=").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aSettingGivenReplacesItsDefault() {
        runner.withPropertyValues("ledger.hold-ttl=PT30S", "ledger.demo.days=3").run(context -> {
            LedgerProperties p = context.getBean(LedgerProperties.class);
            assertThat(p.holdTtl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.demo().days()).isEqualTo(3);
        });
    }
}
