package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.Service;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a catalog file (see {@code catalog/faceid-2026-01.catalog}): a small line format so the price
 * list reads like the page's table and needs no JSON library in the domain module.
 * Any malformed line fails loudly with its line number: a bad price list must never start.
 */
public final class CatalogLoader {
    private CatalogLoader() {
    }

    public static Catalog fromClasspath(String resource) {
        InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("catalog resource not found: " + resource);
        }
        try (in) {
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog parse(String name, String text) {
        String version = null;
        LocalDate effectiveFrom = null;
        List<Long> bounds = null;
        List<Integer> sizes = null;
        int grantSize = 0;
        Set<Service> grantServices = EnumSet.noneOf(Service.class);
        Map<Service, Map<Integer, BigDecimal>> packages = new EnumMap<>(Service.class);
        Map<Service, List<String>> postpaidRows = new EnumMap<>(Service.class);
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (l.isEmpty()) {
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("expected 'key: values'");
                }
                String key = l.substring(0, colon).trim();
                List<String> values = List.of(l.substring(colon + 1).trim().split("\\s+"));
                String[] keyParts = key.split("\\s+");
                switch (keyParts[0]) {
                    case "version" -> version = values.get(0);
                    case "effective-from" -> effectiveFrom = LocalDate.parse(values.get(0));
                    case "tier-bounds" -> bounds = values.stream().map(Long::parseLong).toList();
                    case "package-sizes" -> sizes = values.stream().map(Integer::parseInt).toList();
                    case "free-grant" -> {
                        grantSize = Integer.parseInt(values.get(0));
                        values.subList(1, values.size()).forEach(v -> grantServices.add(service(v)));
                    }
                    case "package" -> {
                        if (sizes == null || values.size() != sizes.size()) {
                            throw new IllegalArgumentException("package row needs one price per package size");
                        }
                        Map<Integer, BigDecimal> prices = new HashMap<>();
                        for (int i = 0; i < sizes.size(); i++) {
                            if (!values.get(i).equals("-")) {
                                prices.put(sizes.get(i), Money.of(values.get(i)));
                            }
                        }
                        packages.put(service(keyParts[1]), prices);
                    }
                    case "postpaid" -> postpaidRows.put(service(keyParts[1]), values);
                    default -> throw new IllegalArgumentException("unknown key " + keyParts[0]);
                }
            }
            if (version == null || effectiveFrom == null || bounds == null) {
                throw new IllegalArgumentException("version, effective-from and tier-bounds are required");
            }
            Map<Service, PostpaidTariff> postpaid = new EnumMap<>(Service.class);
            for (Map.Entry<Service, List<String>> row : postpaidRows.entrySet()) {
                List<String> v = row.getValue();
                if (v.size() != bounds.size() + 1 || !v.get(v.size() - 1).equals("negotiated")) {
                    throw new IllegalArgumentException("postpaid " + row.getKey()
                            + " needs one price per tier and 'negotiated' for the top tier");
                }
                List<BigDecimal> unit = new ArrayList<>();
                for (String p : v.subList(0, bounds.size())) {
                    unit.add(new BigDecimal(p));
                }
                postpaid.put(row.getKey(), new PostpaidTariff(row.getKey(), bounds, unit));
            }
            return new Catalog(version, effectiveFrom, packages, postpaid, grantSize, grantServices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
        }
    }

    private static Service service(String code) {
        return Service.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown service " + code));
    }
}
