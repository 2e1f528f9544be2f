package io.pgpulse.app.activity;

/**
 * One line of the transactions card: a figure, and a sentence on what it means right now.
 *
 * @param tone "ok", "warning" or "critical", used as a style class
 */
public record TransactionFact(String title, String value, String meaning, String tone) {
    static TransactionFact ok(String title, String value, String meaning) {
        return new TransactionFact(title, value, meaning, "ok");
    }

    static TransactionFact warning(String title, String value, String meaning) {
        return new TransactionFact(title, value, meaning, "warning");
    }

    static TransactionFact critical(String title, String value, String meaning) {
        return new TransactionFact(title, value, meaning, "critical");
    }
}
