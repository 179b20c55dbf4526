package org.stagedml.api.stage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * A stage's identity as service properties, the whiteboard idiom Gogo uses for
 * {@code osgi.command.*}: put it on the component class beside {@code @Component(service = Stage.class)}
 * and the component is registered with {@value #NAME}, {@value #VERSION} and {@value #DESCRIPTION}.
 * The realizer then lists and finds stages without activating them, and {@link Stage}'s default
 * {@code name()}, {@code version()} and {@code description()} read this annotation, so the class
 * need not repeat them.
 *
 * <pre>
 * &#64;Component(service = Stage.class)
 * &#64;StageProperties(name = "word-count", version = 1, description = "Counts the words of a text")
 * public class WordCount implements Stage { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.RUNTIME) // read at run time by Stage's default getters, outside a framework too
@Target(ElementType.TYPE)
public @interface StageProperties {
    /** Service property prefix: the elements become {@code stage.name}, {@code stage.version}, {@code stage.description}. */
    String PREFIX_ = "stage.";

    /** The service property holding the stage name. */
    String NAME = "stage.name";

    /** The service property holding the stage version (an Integer). */
    String VERSION = "stage.version";

    /** The service property holding the one-line description. */
    String DESCRIPTION = "stage.description";

    /** The unique stage name, e.g. {@code convnet-mnist}. */
    String name();

    /** The stage version, part of every derivation of this stage; bump it when build() changes results. */
    int version();

    /** One line for stage:list. */
    String description() default "";
}
