package io.pgpulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.pgpulse.core.CoreService;

@AnalyzeClasses(packages = "io.pgpulse", importOptions = ArchitectureTest.ProductionCode.class)
class ArchitectureTest {

    /** Main classes only, wherever the build directory is (ArchUnit's own option expects target/). */
    static final class ProductionCode implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule coreNeverTouchesJavaFx = noClasses()
            .that().resideInAPackage("io.pgpulse.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                    "org.jfree.chart.fx..", "org.kordamp..")
            .because("core is shared by the CLI and the app and must run (and be tested) without a display");

    @ArchTest
    static final ArchRule noConsoleOutsideTheCliPrinter = noClasses()
            .that().resideOutsideOfPackage("io.pgpulse.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("everything else logs through SLF4J, where levels, redaction and appenders are controlled;"
                    + " only the CLI's printer writes its report to the console");

    @ArchTest
    static final ArchRule noStackTracesOnTheConsole = noClasses()
            .should().callMethod(Throwable.class, "printStackTrace")
            .because("a stack trace on stderr bypasses logging and may carry a connection string");

    @ArchTest
    static final ArchRule slf4jIsTheOnlyLoggingApi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                    "org.apache.logging.log4j..", "org.apache.commons.logging..")
            .because("one logging API means one place where levels and redaction are configured");

    @ArchTest
    static final ArchRule onlyViewModelsCallCoreServices = noClasses()
            .that().resideInAPackage("io.pgpulse.app..")
            .and().haveSimpleNameNotEndingWith("ViewModel")
            .and().resideOutsideOfPackage("io.pgpulse.app.context..")
            .should().dependOnClassesThat().areAnnotatedWith(CoreService.class)
            .allowEmptyShould(true)
            .because("views stay thin and testable without a server: I/O is reached through view-models,"
                    + " which hand it to background threads (the composition root in app.context only wires)");
}
