package dev.tincan.ui;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class that opens the real window when there is no display, saying so: the
 * reason reaches the console as a {@code skipped:} line. With a display (CI runs the tests
 * under {@code xvfb-run}) the class runs.
 */
public final class NeedsDisplay implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (GraphicsEnvironment.isHeadless()) {
            return ConditionEvaluationResult.disabled("no display: " + context.getRequiredTestClass().getSimpleName()
                    + " opens the real window (run under xvfb-run -a mvn verify)");
        }
        return ConditionEvaluationResult.enabled("a display is there");
    }
}
