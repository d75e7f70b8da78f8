package com.faceid.ledger.pricing;

import java.util.Optional;

/**
 * The billing labels of the face-verification API (billing-rules.md §1). The code is what clients send;
 * the page name is the Chinese label of the pricing page, kept so a statement can be matched to it.
 */
public enum Service {
    WECHAT_LIVENESS_VERIFICATION("微信活体人脸核身"),
    WECHAT_LIVENESS_COMPARISON("微信活体人脸比对"),
    LIVENESS_VERIFICATION("活体人脸核身"),
    PHOTO_VERIFICATION("照片人脸核身"),
    LIVENESS_COMPARISON("活体人脸比对"),
    ID_VERIFICATION("身份信息核验"),
    WECHAT_CUSTOM_LIBRARY("微信定制库服务"),
    BANK_CARD_VERIFICATION("银行卡信息核验"),
    PHONE_VERIFICATION("手机号信息核验"),
    BANK_CARD_BASIC_QUERY("银行卡基础信息查询");

    private final String pageName;

    Service(String pageName) {
        this.pageName = pageName;
    }

    public String pageName() {
        return pageName;
    }

    /** Exact, case-sensitive lookup: "liveness_verification" is not a service code. */
    public static Optional<Service> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Service s : values()) {
            if (s.name().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
