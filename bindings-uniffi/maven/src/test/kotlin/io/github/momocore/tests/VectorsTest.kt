// JUnit (Surefire) entry point of the Kotlin tests: the same shared-vector
// checks as `VectorTests.kt`'s main() (signatures recomputed with
// javax.crypto.Mac, RSA tokens decrypted with javax.crypto.Cipher, parsers,
// validation, every stable error code), with the library loaded by JNA from
// the module's resources (linux-x86-64/libmomo_core_uniffi.so), not from
// jna.library.path.
package io.github.momocore.tests

import io.github.momocore.newRequestId
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

class VectorsTest {
    @Test
    fun `library loads from the classpath, without jna library path`() {
        assertNull(System.getProperty("jna.library.path"), "jna.library.path must not be needed")
        val resource = "${com.sun.jna.Platform.RESOURCE_PREFIX}/libmomo_core_uniffi.so"
        assertTrue(javaClass.classLoader.getResource(resource) != null, "$resource is not on the classpath")
        assertEquals(36, newRequestId().length)
    }

    @Test
    fun `shared vectors`() {
        val root = File(System.getProperty("momo.root") ?: "../..").canonicalFile
        val failures = runAll(root)
        println("kotlin: ${checksPassed()} checks passed, ${failures.size} failed")
        assertTrue(checksPassed() > 0, "no checks ran (vectors under $root/tests/vectors?)")
        assertTrue(failures.isEmpty()) {
            "${failures.size} of ${checksPassed() + failures.size} checks failed:\n" + failures.joinToString("\n")
        }
    }
}
