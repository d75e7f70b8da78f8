package com.faceid.ledger.app.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API document's texts: what they add to springdoc's operation, and the mismatches that stop the build. */
class OperationTextsTest {
    private static Operation derived(String id) {
        // what springdoc derives from a method returning ResponseEntity<HoldView> and declaring nothing
        return new Operation().operationId(id).responses(new ApiResponses().addApiResponse("200", new ApiResponse()
                .description("OK").content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/HoldView"))))));
    }

    private static Map<String, String> answers(String... statusThenText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < statusThenText.length; i += 2) {
            m.put(statusThenText[i], statusThenText[i + 1]);
        }
        return m;
    }

    @Test
    void theDeclaredAnswersReplaceTheDefaultAndEachSuccessCarriesItsOwnCopyOfTheBody() {
        OperationTexts texts = new OperationTexts(Map.of("placeHold", new OperationTexts.Entry("Hold a unit", null,
                answers("201", "Placed", "200", "A repeat", "409", "HOLD_ID_CONFLICT"))));
        Operation op = derived("placeHold");
        texts.describe(op);

        assertThat(op.getSummary()).isEqualTo("Hold a unit");
        assertThat(op.getResponses()).containsOnlyKeys("200", "201", "409");
        assertThat(op.getResponses().get("201").getDescription()).isEqualTo("Placed");
        assertThat(op.getResponses().get("200").getDescription()).isEqualTo("A repeat");
        MediaType created = op.getResponses().get("201").getContent().get("application/json");
        MediaType repeated = op.getResponses().get("200").getContent().get("application/json");
        assertThat(created.getSchema().get$ref()).isEqualTo("#/components/schemas/HoldView");
        assertThat(created).isNotSameAs(repeated);
        assertThat(op.getResponses().get("409").getContent()).as("refusals get the problem body later").isNull();
        texts.checkAllUsed();
    }

    @Test
    void aCsvAnswerIsTextWhileItsJsonFormKeepsItsSchema() {
        // springdoc hands both types a method produces one shared media type object
        MediaType shared = new MediaType().schema(new Schema<>().$ref("#/components/schemas/StatementView"));
        Operation op = new Operation().operationId("getStatement").responses(new ApiResponses().addApiResponse("200",
                new ApiResponse().content(new Content().addMediaType("application/json", shared)
                        .addMediaType("text/csv", shared))));
        new OperationTexts(Map.of("getStatement", new OperationTexts.Entry("A statement", null,
                answers("200", "The statement")))).describe(op);

        Content content = op.getResponses().get("200").getContent();
        assertThat(content.get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/StatementView");
        assertThat(content.get("text/csv").getSchema().getType()).isEqualTo("string");
        assertThat(content.get("text/csv").getSchema().get$ref()).isNull();
    }

    @Test
    void anOperationWithoutAnEntryStopsTheDocument() {
        OperationTexts texts = new OperationTexts(Map.of());
        assertThatThrownBy(() -> texts.describe(derived("voidHold")))
                .hasMessageContaining("no entry for the operation voidHold");
    }

    @Test
    void anEntryNoOperationUsesStopsTheDocument() {
        OperationTexts texts = new OperationTexts(Map.of(
                "getHold", new OperationTexts.Entry("A hold", null, answers("200", "The hold")),
                "getHolds", new OperationTexts.Entry("Renamed since", null, answers("200", "Holds"))));
        texts.describe(derived("getHold"));
        assertThatThrownBy(texts::checkAllUsed).hasMessageContaining("[getHolds]");
    }

    @Test
    void theCommittedTextsNameEveryAnswerWithASummary() {
        OperationTexts texts = OperationTexts.load();
        Operation op = derived("getQuota");
        texts.describe(op);
        assertThat(op.getSummary()).isNotBlank();
        assertThat(op.getResponses().get("200").getDescription()).isNotEqualTo("OK");
    }
}
