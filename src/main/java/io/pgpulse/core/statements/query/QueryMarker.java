package io.pgpulse.core.statements.query;

import java.util.ArrayList;
import java.util.List;

/** The markers a row can carry, most urgent first, with a label for people and an id for files. */
public enum QueryMarker {
    N_PLUS_ONE("N+1", "n_plus_one"),
    LOOP_PARENT("N+1 parent", "n_plus_one_parent"),
    REGRESSED("regressed", "regressed"),
    SLOW("slow", "slow"),
    HOT_LOOKUP("hot lookup", "hot_lookup");

    private final String label;
    private final String id;

    QueryMarker(String label, String id) {
        this.label = label;
        this.id = id;
    }

    public String label() {
        return label;
    }

    /** Stable snake_case, as in the report's finding kinds. */
    public String id() {
        return id;
    }

    public static List<QueryMarker> of(QueryFigures f) {
        List<QueryMarker> out = new ArrayList<>(2);
        if (f.isNPlusOne()) {
            out.add(N_PLUS_ONE);
        }
        if (f.drivesLoop()) {
            out.add(LOOP_PARENT);
        }
        if (f.regression().isPresent()) {
            out.add(REGRESSED);
        }
        if (f.slow()) {
            out.add(SLOW);
        }
        if (f.isHotLookup()) {
            out.add(HOT_LOOKUP);
        }
        return out;
    }
}
