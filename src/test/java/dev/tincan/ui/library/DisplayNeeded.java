package dev.tincan.ui.library;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class that shows a window when there is no display, saying so; the same rule
 * as {@code dev.tincan.ui.NeedsDisplay}, for this package.
 */
final class DisplayNeeded implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (GraphicsEnvironment.isHeadless()) {
            return ConditionEvaluationResult.disabled("no display: " + context.getRequiredTestClass().getSimpleName()
                    + " opens a window (run under xvfb-run -a mvn verify)");
        }
        return ConditionEvaluationResult.enabled("a display is there");
    }
}
