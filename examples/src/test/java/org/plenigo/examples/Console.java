package org.plenigo.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a demo's main method as {@code exec:java} does and keeps what it prints. */
final class Console {
    private Console() {
    }

    /** A main method to run; it may throw. */
    interface Main {
        void run() throws Exception;
    }

    static String output(Main main) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
