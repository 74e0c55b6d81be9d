// A POS checkout in Kotlin against the offline MoMo sandbox.
//
// momo-core (through the uniffi bindings) prepares every request and reads
// every answer; OkHttp (what Android POS apps use) sends them. Flow:
//   1. scan (tokenization/create) + pay 50,000 VND        -> resultCode 0
//   2. scan + pay 9,000,000 VND                          -> 9000 authorized
//      confirm capture of the authorized payment         -> 0
//
// Run: examples/kotlin-pos/run.sh (needs MOMO_SANDBOX_URL).
package io.github.momocore.examples.pos

import io.github.momocore.*
import io.github.momocore.model.*
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import java.io.InterruptedIOException
import java.time.Duration
import kotlin.system.exitProcess

private val http: OkHttpClient = OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build()
private var failures = 0

private fun step(name: String, ok: Boolean, detail: String) {
    println("[kotlin] ${if (ok) "ok  " else "FAIL"} $name: $detail")
    if (!ok) failures++
}

/** Sends a prepared request as is: method, URL, headers, exact body, timeout. */
private fun send(req: PreparedRequest): Pair<Int, String> {
    // Content-Type and friends come from the core (the body is sent byte for
    // byte as the UTF-8 the core signed); OkHttp sets Host/Content-Length.
    val contentType = req.headers.firstOrNull { it.name.equals("Content-Type", ignoreCase = true) }?.value
    val body = if (req.method == "GET") null else req.body.toByteArray(Charsets.UTF_8).toRequestBody(contentType?.toMediaType())
    val builder = Request.Builder().url(req.url).method(req.method, body)
    for (h in req.headers) builder.header(h.name, h.value)
    // MoMo's minimum timeout for this call, for the whole call.
    val client = http.newBuilder().callTimeout(Duration.ofMillis(req.timeoutMs.toLong())).build()
    try {
        client.newCall(builder.build()).execute().use { res -> return res.code to res.body.string() }
    } catch (e: InterruptedIOException) {
        // No answer is an unknown state (outcomeTransportTimeout()), not a failure.
        throw IllegalStateException("no answer within ${req.timeoutMs} ms: query ${req.requestId}", e)
    }
}

/** The sandbox's test credentials: a flat JSON object of strings. */
private fun credentials(url: String): Map<String, String> {
    val (status, body) = send(
        PreparedRequest(
            method = "GET", url = "$url/sandbox/credentials", headers = listOf(), body = "",
            timeoutMs = 5_000UL, requestId = "", signatureRaw = null, sensitiveBody = false,
        ),
    )
    check(status == 200) { "GET /sandbox/credentials: HTTP $status" }
    val field = Regex("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
    return field.findAll(body).associate { it.groupValues[1] to unescape(it.groupValues[2]) }
}

private fun unescape(s: String): String = Regex("\\\\(u[0-9a-fA-F]{4}|.)").replace(s) {
    val e = it.groupValues[1]
    when (e[0]) {
        'n' -> "\n"
        'r' -> "\r"
        't' -> "\t"
        'u' -> e.substring(1).toInt(16).toChar().toString()
        else -> e
    }
}

/** Scans the customer's code (tokenization/create), then pays [amount]. */
private fun checkout(client: MomoClient, amount: Long): Pair<String, TokenizationPayResponse> {
    val orderId = newOrderId()
    val create = client.tokenizationCreate(
        TokenizationCreateRequest(
            orderId = orderId,
            referenceCode = "1023984137834985578",
            storeId = "store-01",
            requestTime = System.currentTimeMillis(),
            lang = Lang.EN,
        ),
    )
    val created = send(create).let { (status, body) -> parseTokenizationCreate(status, body) }
    val token = created.token.orEmpty()
    step(
        "scan for $orderId",
        created.outcome.resultClass == ResultClass.SUCCESS && token.isNotEmpty(),
        "resultCode ${created.resultCode} ${created.message}",
    )
    val pay = client.tokenizationPay(
        TokenizationPayRequest(
            orderId = orderId,
            token = token,
            tokenEnvelope = TokenEnvelope.VALUE_JSON,
            amount = amount,
            orderInfo = "Cà phê sữa x2",
            items = listOf(Item(id = "sku-1", name = "Cà phê sữa", price = amount / 2, quantity = 2)),
            requestTime = System.currentTimeMillis(),
            lang = Lang.EN,
        ),
    )
    val paid = send(pay).let { (status, body) -> parseTokenizationPay(status, body) }
    return orderId to paid
}

fun main() {
    val url = System.getenv("MOMO_SANDBOX_URL") ?: "http://127.0.0.1:8765"
    try {
        val c = credentials(url)
        val config = defaultClientConfig().copy(
            partnerCode = c.getValue("partnerCode"),
            accessKey = c.getValue("accessKey"),
            secretKey = c.getValue("secretKey"),
            publicKey = c.getValue("publicKeyPem"),
            gatewayBaseUrl = url,
            businessBaseUrl = "$url/api",
            lang = Lang.EN,
        )
        step("config.toString() hides the secretKey", !config.toString().contains(c.getValue("secretKey")), "Secret(***)")
        MomoClient(config).use { client ->
            val (_, paid) = checkout(client, 50_000)
            step(
                "pay 50,000 VND",
                paid.resultCode == 0L && paid.outcome.resultClass == ResultClass.SUCCESS,
                "resultCode ${paid.resultCode} transId ${paid.transId}",
            )

            val (orderId, held) = checkout(client, 9_000_000)
            step(
                "pay 9,000,000 VND is authorized, not captured",
                held.resultCode == 9000L && held.outcome.resultClass == ResultClass.AUTHORIZED,
                "resultCode ${held.resultCode}: ${held.outcome.messageEn}",
            )
            val confirm = client.confirm(
                ConfirmRequest(
                    orderId = orderId,
                    requestType = ConfirmRequestType.CAPTURE,
                    amount = 9_000_000,
                    description = "capture at the till",
                    lang = Lang.EN,
                ),
            )
            val captured = send(confirm).let { (status, body) -> parseConfirm(status, body) }
            step(
                "confirm capture of 9,000,000 VND",
                captured.resultCode == 0L && captured.outcome.resultClass == ResultClass.SUCCESS,
                "resultCode ${captured.resultCode} ${captured.message}",
            )
        }
    } catch (e: MomoException) {
        println("[kotlin] FAIL momo-core: ${e.code()} (${e.field()}): ${e.detail()}")
        exitProcess(1)
    } catch (e: Exception) {
        println("[kotlin] FAIL $e")
        exitProcess(1)
    }
    if (failures == 0) {
        println("[kotlin] every step ended as expected")
    } else {
        println("[kotlin] $failures step(s) did not end as expected")
        exitProcess(1)
    }
}
