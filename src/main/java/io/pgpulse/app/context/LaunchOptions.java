package io.pgpulse.app.context;

import java.util.List;

/**
 * What the desktop app was asked to do at start: {@code --demo} (optionally with
 * {@code --scenarios N_PLUS_ONE,MIGRATION_STALL} switched on at once, for demos and screenshots),
 * {@code --url URL}, {@code --profile NAME}, {@code --theme light|dark}; no arguments opens the
 * welcome screen.
 */
public record LaunchOptions(boolean demo, String url, String profile, String theme, java.util.List<String> scenarios) {

    public LaunchOptions(boolean demo, String url, String profile, String theme) {
        this(demo, url, profile, theme, java.util.List.of());
    }

    public static LaunchOptions parse(List<String> args) {
        boolean demo = false;
        String url = null;
        String profile = null;
        String theme = null;
        java.util.List<String> scenarios = java.util.List.of();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> demo = true;
                case "--url" -> url = value(args, ++i, a);
                case "--profile" -> profile = value(args, ++i, a);
                case "--theme" -> theme = value(args, ++i, a);
                case "--scenarios" -> scenarios = java.util.List.of(value(args, ++i, a).split(","));
                default -> {
                    if (a.startsWith("--url=")) {
                        url = a.substring(6);
                    } else if (a.startsWith("--profile=")) {
                        profile = a.substring(10);
                    } else if (a.startsWith("--theme=")) {
                        theme = a.substring(8);
                    } else {
                        throw new IllegalArgumentException("Unknown option '" + a
                                + "'. Use --demo, --url URL, --profile NAME or --theme light|dark; `pgpulse --help` lists the commands.");
                    }
                }
            }
        }
        if ((demo ? 1 : 0) + (url != null ? 1 : 0) + (profile != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("Give only one of --demo, --url and --profile.");
        }
        if (!scenarios.isEmpty() && !demo) {
            throw new IllegalArgumentException("--scenarios only applies to --demo.");
        }
        return new LaunchOptions(demo, url, profile, theme, scenarios);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
