package com.faceid.ledger.prepaid;

public enum PackageKind {
    FREE, PURCHASED
}
