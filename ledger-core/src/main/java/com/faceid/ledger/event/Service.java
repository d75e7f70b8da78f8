package com.faceid.ledger.event;

import java.util.Optional;

/**
 * The billing labels of the face-verification API (billing-rules.md §1). The code is what clients send;
 * the page name is the Chinese label of the pricing page, kept so a statement can be matched to it; the English
 * name is what the console shows first.
 */
public enum Service {
    WECHAT_LIVENESS_VERIFICATION("微信活体人脸核身", "WeChat liveness verification"),
    WECHAT_LIVENESS_COMPARISON("微信活体人脸比对", "WeChat liveness comparison"),
    LIVENESS_VERIFICATION("活体人脸核身", "Liveness verification"),
    PHOTO_VERIFICATION("照片人脸核身", "Photo verification"),
    LIVENESS_COMPARISON("活体人脸比对", "Liveness comparison"),
    ID_VERIFICATION("身份信息核验", "ID check"),
    WECHAT_CUSTOM_LIBRARY("微信定制库服务", "WeChat custom library"),
    BANK_CARD_VERIFICATION("银行卡信息核验", "Bank card check"),
    PHONE_VERIFICATION("手机号信息核验", "Phone number check"),
    BANK_CARD_BASIC_QUERY("银行卡基础信息查询", "Bank card basic query");

    private final String pageName;
    private final String englishName;

    Service(String pageName, String englishName) {
        this.pageName = pageName;
        this.englishName = englishName;
    }

    public String pageName() {
        return pageName;
    }

    /** How people name the service in English, first wherever it is shown (the page name beside it). */
    public String englishName() {
        return englishName;
    }

    /** "Photo verification 照片人脸核身": the English name, then the pricing page's. */
    public String displayName() {
        return englishName + " " + pageName;
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
