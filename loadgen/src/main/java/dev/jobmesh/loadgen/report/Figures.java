package dev.jobmesh.loadgen.report;

import java.util.Locale;

/** How the report writes numbers, the same in the terminal table and the Markdown table. */
final class Figures {

    private Figures() {
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    static String ms(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
    }

    static String cores(Double cores) {
        return cores == null ? "-" : String.format(Locale.ROOT, "%.2f", cores);
    }

    static String micros(Double micros) {
        return micros == null ? "-" : String.format(Locale.ROOT, "%,.0f", micros);
    }

    static String mb(Double mb) {
        return mb == null ? "-" : String.format(Locale.ROOT, "%,.0f", mb);
    }
}
