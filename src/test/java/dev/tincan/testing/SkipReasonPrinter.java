package dev.tincan.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line for every skipped test or class, with the reason: {@code skipped:
 * WindowEndToEndTest.connectsSends...: no display: ...}. Maven's console shows only how many
 * tests were skipped, and the test output goes to files; a skip nobody can see the reason for
 * is a silent one. Registered in {@code META-INF/services}; writes to the process's own
 * standard error, which Maven shows on its console.
 */
public final class SkipReasonPrinter implements TestExecutionListener {
    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private final PrintStream console =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse(null);
            if (reason != null && reason.startsWith(ASSUMPTION_PREFIX)) {
                reason = reason.substring(ASSUMPTION_PREFIX.length());
            }
            print(test, reason);
        }
    }

    private void print(TestIdentifier test, String reason) {
        console.println("skipped: " + name(test) + ": "
                + (reason == null || reason.isBlank() ? "no reason given" : reason));
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            String name = simpleName(method.getClassName()) + "." + method.getMethodName();
            return test.getDisplayName().startsWith("[") ? name + " " + test.getDisplayName() : name;
        }
        if (source instanceof ClassSource type) {
            return simpleName(type.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
