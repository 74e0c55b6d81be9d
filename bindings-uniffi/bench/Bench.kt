// Per-call cost of preparing a signed tokenization/create from Kotlin:
// through the uniffi bindings (momo-core, JNA) vs a hand-written
// javax.crypto.Mac implementation of the same request (same body bytes,
// checked before timing). Not a test: prints figures, asserts nothing timed.
//
// Run: bindings-uniffi/bench/run.sh
package io.github.momocore.bench

import io.github.momocore.MomoClient
import io.github.momocore.defaultClientConfig
import io.github.momocore.model.Lang
import io.github.momocore.model.TokenizationCreateRequest
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlin.system.exitProcess

private const val PARTNER = "MOMO"
private const val ACCESS_KEY = "F8BBA842ECF85"
private const val SECRET = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
private const val CALLS = 10_000
private const val ROUNDS = 7

private fun q(s: String): String {
    val sb = StringBuilder("\"")
    for (c in s) when {
        c == '"' -> sb.append("\\\"")
        c == '\\' -> sb.append("\\\\")
        c < ' ' -> sb.append(String.format("\\u%04x", c.code))
        else -> sb.append(c)
    }
    return sb.append('"').toString()
}

private fun hex(bytes: ByteArray): String {
    val digits = "0123456789abcdef"
    val out = CharArray(bytes.size * 2)
    for (i in bytes.indices) {
        val b = bytes[i].toInt() and 0xff
        out[2 * i] = digits[b ushr 4]
        out[2 * i + 1] = digits[b and 0xf]
    }
    return String(out)
}

/** The same request by hand: raw string in MoMo's key order, HMAC-SHA256, JSON body. */
private fun handWritten(mac: Mac?, r: TokenizationCreateRequest): String {
    val raw = "accessKey=$ACCESS_KEY&orderId=${r.orderId}&partnerCode=$PARTNER" +
        "&referenceCode=${r.referenceCode}&requestId=${r.requestId}&subPartnerCode=${r.subPartnerCode}"
    val m = mac ?: Mac.getInstance("HmacSHA256").also {
        it.init(SecretKeySpec(SECRET.toByteArray(Charsets.UTF_8), "HmacSHA256"))
    }
    val signature = hex(m.doFinal(raw.toByteArray(Charsets.UTF_8)))
    return "{\"partnerCode\":${q(PARTNER)},\"subPartnerCode\":${q(r.subPartnerCode)}," +
        "\"requestId\":${q(r.requestId!!)},\"orderId\":${q(r.orderId)}," +
        "\"referenceCode\":${q(r.referenceCode)},\"requestTime\":${r.requestTime}," +
        "\"lang\":\"vi\",\"signature\":\"$signature\"}"
}

/** Median over [ROUNDS] rounds of [CALLS] calls, in microseconds per call. */
private fun measure(name: String, call: () -> String): Double {
    repeat(3 * CALLS) { call() } // JIT warm-up
    val perCall = (1..ROUNDS).map {
        val t0 = System.nanoTime()
        var sink = 0
        repeat(CALLS) { sink += call().length }
        val dt = System.nanoTime() - t0
        check(sink > 0)
        dt / 1000.0 / CALLS
    }.sorted()
    val median = perCall[ROUNDS / 2]
    println("%-44s %8.2f us/call  (median of %d x %d; min %.2f, max %.2f)".format(
        name, median, ROUNDS, CALLS, perCall.first(), perCall.last()))
    return median
}

fun main() {
    val request = TokenizationCreateRequest(
        requestId = "1666756278085id",
        orderId = "6d0a1b10-b382-11e9-8fda-91fa25841420",
        referenceCode = "1023984137834985578",
        subPartnerCode = "MOMO",
        requestTime = 1692783998394,
        lang = Lang.VI,
    )
    val config = defaultClientConfig().copy(partnerCode = PARTNER, accessKey = ACCESS_KEY, secretKey = SECRET)
    val reused = Mac.getInstance("HmacSHA256").apply {
        init(SecretKeySpec(SECRET.toByteArray(Charsets.UTF_8), "HmacSHA256"))
    }
    MomoClient(config).use { client ->
        val viaCore = client.tokenizationCreate(request).body
        // Same work on both sides: the bodies must be identical (PROTOCOL.md's signature).
        if (viaCore != handWritten(null, request) || viaCore != handWritten(reused, request) ||
            !viaCore.contains("38d62cb13c33742bec6a4aaddbeb6460b33c735bdc8aa7cd01dfa3f250a57af6")
        ) {
            System.err.println("bodies differ:\n$viaCore\n${handWritten(null, request)}")
            exitProcess(1)
        }
        println("prepare a signed tokenization/create from Kotlin (${System.getProperty("java.vm.name")} ${System.getProperty("java.version")})")
        val core = measure("momo-core via uniffi (client.tokenizationCreate)") { client.tokenizationCreate(request).body }
        val fresh = measure("hand-written javax.crypto.Mac (new Mac/call)") { handWritten(null, request) }
        val warm = measure("hand-written javax.crypto.Mac (reused Mac)") { handWritten(reused, request) }
        // Where the binding's time goes: the FFI call itself, and a record coming back.
        measure("  of which: bare FFI call (ipnAckStatus)") { io.github.momocore.ipnAckStatus().toString() }
        measure("  of which: record back (outcomeOfPayment)") { io.github.momocore.outcomeOfPayment(0).messageEn }
        println("ratio core / hand-written: %.2fx (new Mac), %.2fx (reused Mac)".format(core / fresh, core / warm))
    }
}
