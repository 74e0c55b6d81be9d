// A momo-core user's first program: one signed request (signing.json's
// tokenization-create-seed vector; the signature recomputed with
// javax.crypto.Mac) and one parse. No jna.library.path: JNA finds
// libmomo_core_uniffi.so inside the momo-core JAR.
//
//   java -cp <classes + dependencies> MainKt EXPECTED_SIGNATURE
import io.github.momocore.MomoClient
import io.github.momocore.defaultClientConfig
import io.github.momocore.parseTokenizationCreate
import io.github.momocore.model.Lang
import io.github.momocore.model.ResultClass
import io.github.momocore.model.TokenizationCreateRequest
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlin.system.exitProcess

fun fail(what: String): Nothing {
    System.err.println("consumer: FAIL $what")
    exitProcess(1)
}

fun main(args: Array<String>) {
    val expected = args.getOrNull(0) ?: fail("usage: MainKt EXPECTED_SIGNATURE")
    if (System.getProperty("jna.library.path") != null) fail("jna.library.path is set")
    val secret = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
    val config = defaultClientConfig().copy(partnerCode = "MOMO", accessKey = "F8BBA842ECF85", secretKey = secret)
    MomoClient(config).use { client ->
        val req = client.tokenizationCreate(
            TokenizationCreateRequest(
                requestId = "1666756278085id",
                orderId = "6d0a1b10-b382-11e9-8fda-91fa25841420",
                referenceCode = "1023984137834985578",
                subPartnerCode = "MOMO",
                requestTime = 1692783998394,
                lang = Lang.VI,
            ),
        )
        val raw = req.signatureRaw ?: fail("no signatureRaw")
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(secret.toByteArray(Charsets.UTF_8), "HmacSHA256"))
        val hmac = mac.doFinal(raw.toByteArray(Charsets.UTF_8)).joinToString("") { "%02x".format(it) }
        if (hmac != expected) fail("javax.crypto.Mac gives $hmac, the vector says $expected")
        if (!req.body.contains("\"signature\":\"$expected\"")) fail("body does not carry the signature: ${req.body}")
        if (req.method != "POST" || !req.url.endsWith("/v2/gateway/api/tokenization/create")) fail("${req.method} ${req.url}")
        println("consumer: signed ${req.method} ${req.url} (signature $hmac = javax.crypto.Mac)")
    }
    val parsed = parseTokenizationCreate(200, """{"resultCode":0,"message":"OK","partnerCode":"MOMO","orderId":"o1","requestId":"r1","responseTime":1,"token":"abc"}""")
    if (parsed.outcome.resultClass != ResultClass.SUCCESS || parsed.token != "abc") fail("parse: $parsed")
    println("consumer: parsed resultCode ${parsed.resultCode} -> ${parsed.outcome.resultClass}, token ${parsed.token}")
    val lib = com.sun.jna.Platform.RESOURCE_PREFIX
    println("consumer: ok (libmomo_core_uniffi from the momo-core JAR's $lib/, no jna.library.path)")
}
