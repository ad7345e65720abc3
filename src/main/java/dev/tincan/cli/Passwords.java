package dev.tincan.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a key store's password comes from: the environment variable a flag names, else the
 * terminal, never a flag value (it would sit in the shell's history and in every process
 * listing). The password is neither logged nor kept; callers clear the array after use.
 */
final class Passwords {
    /** Where names are looked up; a seam for tests, which cannot set the environment. */
    static UnaryOperator<String> environment = System::getenv;

    private Passwords() {
    }

    /**
     * The password of {@code file}: from the environment variable {@code envName} when given,
     * else asked on the terminal.
     *
     * @throws ParameterException with one sentence when neither gives one
     */
    static char[] of(Path file, String envName, CommandSpec spec) {
        if (envName != null) {
            String value = environment.apply(envName);
            if (value == null) {
                throw new ParameterException(spec.commandLine(), "--password-env " + envName
                        + ": no environment variable " + envName + " is set; set it to the password of " + file + ".");
            }
            return value.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "--pkcs12 " + file + " needs its password: run in a "
                    + "terminal to be asked for it, or name an environment variable that holds it with "
                    + "--password-env NAME.");
        }
        char[] password = console.readPassword("password for %s: ", file);
        if (password == null) {
            throw new ParameterException(spec.commandLine(), "--pkcs12 " + file + " needs its password, and the "
                    + "terminal gave none.");
        }
        return password;
    }
}
