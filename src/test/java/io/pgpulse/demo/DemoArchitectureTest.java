package io.pgpulse.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.pgpulse.demo", importOptions = ImportOption.DoNotIncludeTests.class)
class DemoArchitectureTest {

    @ArchTest
    static final ArchRule demoNeverTouchesJavaFx = noClasses()
            .that().resideInAPackage("io.pgpulse.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("the app's Demo panel binds to the demo through a view-model; the demo itself runs and is"
                    + " tested without a display");
}
