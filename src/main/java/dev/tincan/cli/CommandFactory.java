package dev.tincan.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import picocli.CommandLine;

/**
 * Makes the objects picocli asks for: commands, mixins and converters. Ours are not public,
 * and picocli's own factory first tries the public way, then the declared constructor
 * without access, and makes it accessible only after both have thrown: two exceptions, with
 * their stack traces, for each of the two dozen objects a command tree needs. This goes
 * straight to the declared constructor, and leaves interfaces (an option's {@code List}) and
 * anything without a constructor that takes nothing to picocli's factory.
 */
final class CommandFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return CommandLine.defaultFactory().create(type);
        }
        Constructor<K> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}
