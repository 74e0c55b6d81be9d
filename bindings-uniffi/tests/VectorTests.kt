// Kotlin (JVM) tests of the uniffi bindings, driven by the shared vectors in
// tests/vectors/ (expected values from the independent Python reference).
// Signatures are recomputed with javax.crypto.Mac, RSA token ciphertext is
// decrypted with javax.crypto.Cipher and the test-only private keys in
// tests/vectors/keys/. Every stable error code must be thrown at least once.
//
// Run: java -Djna.library.path=<dir of libmomo_core_uniffi.so> \
//        -cp <tests jar>:<jna.jar> io.github.momocore.tests.VectorTestsKt <repo root>
// (bindings-uniffi/test.sh does all of it). Exit status 1 on any failure.
package io.github.momocore.tests

import io.github.momocore.*
import io.github.momocore.model.*
import java.io.File
import java.math.BigDecimal
import java.security.KeyFactory
import java.security.spec.PKCS8EncodedKeySpec
import java.util.Base64
import javax.crypto.Cipher
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

private var passed = 0
private val failures = ArrayList<String>()

/** Codes thrown by the bindings during this run (from `e.code()`). */
private val codesSeen = sortedSetOf<String>()

private fun check(ok: Boolean, what: () -> String) {
    if (ok) passed++ else failures.add(what())
}

private fun <T> checkEq(expected: T, actual: T, what: String) =
    check(expected == actual) { "$what: expected <$expected>, got <$actual>" }

/** Runs one test case; an unexpected exception is a failure, not a crash. */
private fun case(id: String, body: () -> Unit) {
    try {
        body()
    } catch (e: Throwable) {
        failures.add("$id: unexpected ${e::class.qualifiedName}: $e")
    }
}

private lateinit var root: File

private fun load(name: String): Any? = Json.parse(File(root, "tests/vectors/$name").readText())

private fun w(v: Any?) = Json.write(v)

// ------------------------------------------------------------- host crypto

private fun hmacHex(secret: String, data: String): String {
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(secret.toByteArray(Charsets.UTF_8), "HmacSHA256"))
    return mac.doFinal(data.toByteArray(Charsets.UTF_8)).joinToString("") { "%02x".format(it) }
}

private fun rsaDecrypt(pemFile: File, base64: String): ByteArray {
    val der = Base64.getMimeDecoder().decode(
        pemFile.readText().replace(Regex("-----[A-Z ]+-----"), ""),
    )
    val key = KeyFactory.getInstance("RSA").generatePrivate(PKCS8EncodedKeySpec(der))
    val cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding")
    cipher.init(Cipher.DECRYPT_MODE, key)
    return cipher.doFinal(Base64.getDecoder().decode(base64))
}

// ------------------------------------------------------ calling the binding

private fun client(config: Any?) = MomoClient(clientConfigFromJson(w(config)))

/** One request-building operation, by the vector's name for it. */
private fun prepare(op: String, c: MomoClient, input: Any?): PreparedRequest = when (op) {
    "tokenizationCreate" -> c.tokenizationCreate(tokenizationCreateRequestFromJson(w(input)))
    "tokenizationPay" -> c.tokenizationPay(tokenizationPayRequestFromJson(w(input)))
    "query" -> c.query(queryRequestFromJson(w(input)))
    "confirm" -> c.confirm(confirmRequestFromJson(w(input)))
    "refund" -> c.refund(refundRequestFromJson(w(input)))
    "login" -> c.login()
    "redeemStatus" -> {
        val t = input["accessToken"]
        AccessToken(t["token"].str(), t["expiresAtMs"].long()).use { token ->
            c.redeemStatus(redeemStatusRequestFromJson(w(input["request"])), token, input["nowMs"].long())
        }
    }
    "giftCreate" -> c.giftCreate(giftCreateRequestFromJson(w(input)))
    "giftStatus" -> c.giftStatus(giftStatusRequestFromJson(w(input)))
    "giftGetTrans" -> c.giftGetTrans(giftGetTransRequestFromJson(w(input)))
    else -> error("unknown operation $op")
}

/** One parser, by the vector's name for it. */
private fun parse(op: String, status: Int, body: String, nowMs: Long?): Any {
    val s = status
    return when (op) {
        "parseTokenizationCreate" -> parseTokenizationCreate(s, body)
        "parseTokenizationPay" -> parseTokenizationPay(s, body)
        "parseQuery" -> parseQuery(s, body)
        "parseConfirm" -> parseConfirm(s, body)
        "parseRefund" -> parseRefund(s, body)
        "parseRedeemStatus" -> parseRedeemStatus(s, body)
        "parseGiftCreate" -> parseGiftCreate(s, body)
        "parseGiftStatus" -> parseGiftStatus(s, body)
        "parseGiftGetTrans" -> parseGiftGetTrans(s, body)
        "parseLogin" -> parseLogin(s, body, nowMs!!).use {
            mapOf("accessToken" to it.expose(), "expiresAtMs" to it.expiresAtMs())
        }
        else -> error("unknown parser $op")
    }
}

/** The kind of each code, as tests/vectors/errors.json states it. */
private val kindOf: Map<String, String> by lazy {
    load("errors.json")["codes"].arr().associate { (it["code"] as String) to (it["kind"] as String) }
}

/** Runs [call], which must throw; records and checks code, field and kind. */
private fun expectError(id: String, expected: Any?, call: () -> Any?) {
    try {
        val got = call()
        failures.add("$id: expected ${expected["code"]}, got a result: $got")
    } catch (e: MomoException) {
        codesSeen.add(e.code())
        checkEq(expected["code"], e.code(), "$id: code ($e)")
        checkEq(expected["field"], e.field(), "$id: field ($e)")
        // The sealed subclass matches the code string (InvalidAmount <-> INVALID_AMOUNT).
        val fromClass = e::class.simpleName!!.replace(Regex("([a-z])([A-Z])"), "$1_$2").uppercase()
        checkEq(e.code(), fromClass, "$id: subclass")
        checkEq(kindOf[e.code()], e.kind().name, "$id: kind of ${e.code()}")
    }
}

// ------------------------------------------------- structural comparison

/** JSON keys whose Kotlin property has another name. */
private val renamed = mapOf("class" to "resultClass")

private fun norm(s: String) = s.lowercase().replace("_", "").replace("-", "")

/** Every key of [expected] equals the same property of [actual], recursively. */
private fun assertSubset(id: String, expected: Any?, actual: Any?, path: String = "") {
    when (expected) {
        is Map<*, *> -> {
            if (actual is List<*> && actual.all { it is Header }) {
                val headers = actual.associate { (it as Header).name to it.value }
                assertSubset(id, expected, headers, path)
                return
            }
            for ((k, ev) in expected) {
                val av = property(actual, k as String)
                if (av === Missing) {
                    failures.add("$id: $path.$k missing on ${actual?.javaClass?.simpleName}")
                } else {
                    assertSubset(id, ev, av, "$path.$k")
                }
            }
        }
        is List<*> -> {
            val a = actual as? List<*>
            if (a == null || a.size != expected.size) {
                failures.add("$id: $path: expected ${expected.size} items, got $actual")
                return
            }
            expected.forEachIndexed { i, ev -> assertSubset(id, ev, a[i], "$path[$i]") }
        }
        is JNum -> check(
            actual != null && numberOf(actual)?.compareTo(expected.toBigDecimal()) == 0,
        ) { "$id: $path: expected ${expected.text}, got $actual" }
        is String -> check(
            when (actual) {
                is Enum<*> -> norm(actual.name) == norm(expected)
                is BigDecimal -> actual.compareTo(BigDecimal(expected)) == 0
                else -> actual == expected
            },
        ) { "$id: $path: expected \"$expected\", got $actual" }
        else -> checkEq(expected, actual, "$id: $path")
    }
}

private object Missing

private fun numberOf(v: Any): BigDecimal? = when (v) {
    is BigDecimal -> v
    is Long, is Int, is Short, is Byte -> BigDecimal((v as Number).toLong())
    is ULong -> BigDecimal(v.toString())
    is UInt -> BigDecimal(v.toLong())
    is UShort -> BigDecimal(v.toLong())
    else -> null
}

/** A property of a generated data class (or a map entry), by JSON name. */
private fun property(obj: Any?, key: String): Any? {
    if (obj is Map<*, *>) return if (obj.containsKey(key)) obj[key] else null
    if (obj == null) return Missing
    val name = renamed[key] ?: key
    val field = generateSequence<Class<*>>(obj.javaClass) { it.superclass }
        .mapNotNull { c -> c.declaredFields.firstOrNull { it.name == name } }
        .firstOrNull() ?: return Missing
    field.isAccessible = true
    return field.get(obj)
}

// ------------------------------------------------------------------ tests

private fun signingVectors() {
    for (v in load("signing.json")["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val req = prepare(v["operation"].str(), client(v["config"]), v["input"])
            val exp = v["expected"]
            checkEq(exp["body"], req.body, "$id: body byte for byte")
            checkEq(exp["signatureRaw"], req.signatureRaw, "$id: signatureRaw")
            // javax.crypto.Mac over the raw string gives the body's signature.
            val secret = v["config"]["secretKey"].str()
            val signature = Json.parse(req.body)["signature"].str()
            checkEq(hmacHex(secret, exp["signatureRaw"].str()), signature, "$id: HMAC-SHA256 (JVM Mac)")
            for (k in listOf("method", "url", "headers", "timeoutMs", "requestId")) {
                if (exp.obj().containsKey(k)) assertSubset(id, mapOf(k to exp[k]), req)
            }
            check(!req.toString().contains(secret)) { "$id: toString shows the secretKey" }
        }
    }
}

private fun requestVectors() {
    for (v in load("requests.json")["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val req = prepare(v["operation"].str(), client(v["config"]), v["input"])
            val exp = v["expected"]
            checkEq(exp["body"], req.body, "$id: body byte for byte")
            assertSubset(id, exp.obj() - "body", req)
            checkEq(exp["headers"].obj().size, req.headers.size, "$id: header count")
            if (v["operation"] == "login") {
                val clientSecret = v["config"]["clientSecret"].str()
                check(req.sensitiveBody) { "$id: login body not flagged sensitive" }
                check(!req.toString().contains(clientSecret)) { "$id: toString shows the clientSecret" }
            }
            if (v["operation"] == "redeemStatus") {
                val token = v["input"]["accessToken"]["token"].str()
                checkEq("Bearer $token", req.headers.single { it.name == "Authorization" }.value, "$id: the header to send")
                check(!req.toString().contains(token)) { "$id: toString shows the bearer token" }
            }
        }
    }
}

private fun rsaVectors() {
    val file = load("rsa.json")
    val keys = file["keys"].arr()
    fun publicKey(bits: Long, shape: String) =
        keys.first { it["bits"].long() == bits }["publicKeys"][shape].str()
    val partner = mapOf(
        "partnerCode" to "MOMO",
        "accessKey" to "F8BBA842ECF85",
        "secretKey" to "K951B6PE1waDMi640xX08PD3vg6EkVlz",
    )
    for (v in file["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val bits = v["keyBits"].long()
            val config = partner + ("publicKey" to publicKey(bits, v["publicKeyShape"].str()))
            val req = prepare("tokenizationPay", client(config), v["input"])
            val exp = v["expected"]
            val body = Json.parse(req.body)
            val token = body["token"].str()
            val signature = body["signature"].str()
            // javax.crypto.Cipher + the test-only private key recover the plaintext.
            val plain = rsaDecrypt(File(root, "tests/vectors/keys/rsa$bits.pem"), token)
            checkEq(exp["tokenPlaintext"], String(plain, Charsets.UTF_8), "$id: RSA plaintext (JVM Cipher)")
            checkEq(bits.toInt(), Base64.getDecoder().decode(token).size * 8, "$id: ciphertext size")
            val raw = exp["signatureRawTemplate"].str().replace("{token}", token)
            checkEq(raw, req.signatureRaw, "$id: signatureRaw")
            checkEq(hmacHex(partner["secretKey"]!!, raw), signature, "$id: HMAC covers the ciphertext")
            val wantBody = exp["bodyTemplate"].str().replace("{token}", token).replace("{signature}", signature)
            checkEq(wantBody, req.body, "$id: body byte for byte")
            assertSubset(id, mapOf("url" to exp["url"], "method" to exp["method"], "headers" to exp["headers"]), req)
            checkEq(10_000UL, req.timeoutMs, "$id: timeout")
        }
    }
    for (v in file["errors"].arr()) {
        val id = v["id"].str()
        case(id) {
            if (v.obj().containsKey("publicKey")) {
                expectError(id, v["error"]) { client(partner + ("publicKey" to v["publicKey"])) }
            } else {
                val config = partner + ("publicKey" to publicKey(v["keyBits"].long(), v["publicKeyShape"].str()))
                val c = client(config)
                expectError(id, v["error"]) { prepare(v["operation"].str(), c, v["input"]) }
            }
        }
    }
}

private fun validationVectors() {
    val file = load("validation.json")
    for (v in file["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val config = if (v.obj().containsKey("config")) v["config"] else file["defaultConfig"]
            val op = v["operation"].str()
            expectError(id, v["error"]) {
                val c = client(config)
                if (op == "newClient") c else prepare(op, c, v["input"])
            }
        }
    }
}

private fun amountVectors() {
    for (v in load("amounts.json")["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val call = { computeSaleInfo(saleInfoFromJson(w(v["input"]))) }
            if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
            else expectError(id, v["error"], call)
        }
    }
}

private fun resultCodeVectors() {
    for (v in load("result_codes.json")["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val code = v["code"]?.long()
            val outcome = when (v["kind"].str()) {
                "payment" -> outcomeOfPayment(code!!)
                "giftStatus" -> outcomeOfGiftStatus(code!!)
                "giftResult" -> outcomeOfGiftResult(code!!)
                "timeout" -> outcomeTransportTimeout()
                else -> error("kind ${v["kind"]}")
            }
            assertSubset(id, v.obj() - "id" - "kind", outcome)
            if (code != null && v["class"] != "UNKNOWN") {
                check(outcome.messageVi.isNotEmpty() && outcome.messageEn.isNotEmpty()) { "$id: messages" }
            }
        }
    }
}

private fun ipnVectors() {
    val file = load("ipn.json")
    client(file["config"]).use { c ->
        for (v in file["vectors"].arr()) {
            val id = v["id"].str()
            case(id) {
                val now = v["nowMs"]?.long()
                val tolerance = v["toleranceMs"]?.long()
                val call = {
                    if (now != null && tolerance != null) c.verifyIpnFresh(v["body"].str(), now, tolerance)
                    else c.verifyIpn(v["body"].str())
                }
                if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
                else expectError(id, v["error"], call)
            }
        }
    }
}

private fun parsingVectors() {
    for (v in load("parsing.json")["vectors"].arr()) {
        val id = v["id"].str()
        case(id) {
            val call = {
                parse(v["operation"].str(), v["status"].long().toInt(), v["body"].str(), v["nowMs"]?.long())
            }
            if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
            else expectError(id, v["error"], call)
        }
    }
}

/**
 * A hostile.json input with its markers written as JSON text reads them:
 * `{"$float": 20000}` is `20000.0`, `{"$bigint": "N"}` the integer N
 * whatever its size. Lone surrogates are not for Kotlin (the vectors say so).
 */
private fun hostValue(v: Any?): Any? = when {
    v is Map<*, *> && v.size == 1 && (v.keys.first() as String).startsWith("\$") ->
        when (val marker = v.keys.first()) {
            "\$float" -> JNum((v[marker] as JNum).text + ".0")
            "\$bigint" -> JNum(v[marker] as String)
            else -> error("marker $marker is not for Kotlin")
        }
    v is Map<*, *> -> LinkedHashMap(v.mapValues { hostValue(it.value) })
    v is List<*> -> v.map { hostValue(it) }
    else -> v
}

private fun hostileVectors() {
    val file = load("hostile.json")
    var ran = 0
    for (v in file["vectors"].arr()) {
        val id = v["id"].str()
        if (v.obj().containsKey("hosts") && v["hosts"].arr().none { it == "kotlin" }) continue
        ran++
        case(id) {
            val config = if (v.obj().containsKey("config")) v["config"] else file["defaultConfig"]
            client(config).use { c ->
                val call = { prepare(v["operation"].str(), c, hostValue(v["input"])) }
                if (v.obj().containsKey("expected")) checkEq(v["expected"]["body"].str(), call().body, "$id: body")
                else expectError(id, v["error"], call)
            }
        }
    }
    check(ran >= 10) { "only $ran hostile vectors ran" }
}

/** Things the vectors do not cover: panics, secrets, helpers. */
private fun bindingBehaviour() {
    case("panic-is-internal") {
        expectError("panic-is-internal", mapOf("code" to "INTERNAL", "field" to "")) {
            debugPanic("boom from Kotlin")
        }
        // The library still answers after a caught panic.
        checkEq("INVALID_AMOUNT", errorCodeString(ErrorCode.INVALID_AMOUNT), "after panic")
    }
    case("status-out-of-range") {
        expectError("status-out-of-range", mapOf("code" to "INVALID_INPUT", "field" to "status")) {
            parseQuery(70000, "{}")
        }
        expectError("status-negative", mapOf("code" to "INVALID_INPUT", "field" to "status")) {
            parseQuery(-1, "{}")
        }
    }
    case("error-codes") {
        val all = allErrorCodes().map { errorCodeString(it) }
        checkEq(load("errors.json")["codes"].arr().size, all.size, "number of stable codes (errors.json)")
        checkEq(kindOf.keys.toList(), all, "codes in the order of errors.json")
        checkEq(load("errors.json")["kinds"].arr(), ErrorKind.entries.map { it.name }, "kinds of errors.json")
        // Every code was thrown by some call above (INTERNAL by debugPanic).
        checkEq(all.toSortedSet(), codesSeen.toSortedSet(), "codes thrown from Kotlin")
    }
    case("secrets-hidden") {
        val config = defaultClientConfig().copy(
            partnerCode = "MOMO",
            accessKey = "F8BBA842ECF85",
            secretKey = "K951B6PE1waDMi640xX08PD3vg6EkVlz",
            clientSecret = "bp-secret-456",
        )
        check(!config.toString().contains("K951B6PE1waDMi640xX08PD3vg6EkVlz")) { "ClientConfig.toString shows secretKey" }
        check(!config.toString().contains("bp-secret-456")) { "ClientConfig.toString shows clientSecret" }
        MomoClient(config).use { c ->
            check(!c.toString().contains("K951B6PE1waDMi640xX08PD3vg6EkVlz")) { "MomoClient.toString shows secretKey" }
        }
        AccessToken("eyJ.very-secret", 10).use { t ->
            check(!t.toString().contains("very-secret")) { "AccessToken.toString shows the token" }
            checkEq("Bearer eyJ.very-secret", t.authorization(9), "authorization header")
            check(t.needsRefresh(9)) { "needsRefresh within the default margin" }
        }
    }
    case("helpers") {
        val json = "{\"storeId\":\"Cửa hàng 1\",\"n\":1}"
        val encoded = extraDataEncode(json)
        checkEq(Base64.getEncoder().encodeToString(json.toByteArray(Charsets.UTF_8)), encoded, "extraData = base64(JSON)")
        checkEq(json, extraDataDecode(encoded), "extraData round trip")
        val ids = List(3) { newRequestId() }
        checkEq(3, ids.toSet().size, "requestIds differ")
        check(ids.all { Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$").matches(it) }) {
            "requestId is a UUID v4: $ids"
        }
        checkEq(204, ipnAckStatus().toInt(), "IPN ack status")
        checkEq(300_000L, defaultRefreshMarginMs(), "refresh margin")
        check(paymentCodes().any { it.code == 0L && it.resultClass == ResultClass.SUCCESS }) { "payment code 0" }
    }
}

// ------------------------------------------- checkout.json: the one-time payment

private fun checkoutFile() = load("checkout.json")

/** create: the body byte for byte, the signature recomputed with javax.crypto.Mac. */
private fun checkoutCreateVectors() {
    val file = checkoutFile()
    val secret = file["config"]["secretKey"].str()
    client(file["config"]).use { c ->
        for (v in file["create"].arr()) {
            val id = "checkout/create/" + v["id"].str()
            case(id) {
                val req = c.createPayment(createPaymentRequestFromJson(w(v["input"])))
                val exp = v["expected"]
                checkEq(exp["body"], req.body, "$id: body byte for byte")
                checkEq(exp["signatureRaw"], req.signatureRaw, "$id: signatureRaw")
                checkEq(exp["signature"], hmacHex(secret, exp["signatureRaw"].str()), "$id: HMAC-SHA256 (JVM Mac)")
                checkEq(exp["signature"], Json.parse(req.body)["signature"], "$id: the body's signature")
                for (k in listOf("method", "url", "headers", "timeoutMs", "requestId")) {
                    assertSubset(id, mapOf(k to exp[k]), req)
                }
                checkEq(exp["headers"].obj().size, req.headers.size, "$id: header count")
                check(!req.toString().contains(secret)) { "$id: toString shows the secretKey" }
            }
        }
    }
}

/** create's rules: every error with its code, field and kind. */
private fun checkoutCreateErrorVectors() {
    val file = checkoutFile()
    client(file["config"]).use { c ->
        for (v in file["createErrors"].arr()) {
            val id = "checkout/createErrors/" + v["id"].str()
            case(id) {
                expectError(id, v["error"]) { c.createPayment(createPaymentRequestFromJson(w(v["input"]))) }
            }
        }
    }
}

/** parseCreatePayment: the links, the resultCode and its outcome. */
private fun checkoutParseVectors() {
    for (v in checkoutFile()["parse"].arr()) {
        val id = "checkout/parse/" + v["id"].str()
        case(id) {
            val call = { parseCreatePayment(v["status"].long().toInt(), v["body"].str()) }
            if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
            else expectError(id, v["error"], call)
        }
    }
}

/** verifyRedirect(query string). */
private fun checkoutRedirectVectors() {
    val file = checkoutFile()
    client(file["config"]).use { c ->
        for (v in file["redirect"].arr()) {
            val id = "checkout/redirect/" + v["id"].str()
            case(id) {
                val call = { c.verifyRedirect(v["query"].str()) }
                if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
                else expectError(id, v["error"], call)
            }
        }
    }
}

/** verifyRedirectParams(the pairs a web framework decoded, duplicates kept). */
private fun checkoutRedirectParamsVectors() {
    val file = checkoutFile()
    client(file["config"]).use { c ->
        for (v in file["redirectParams"].arr()) {
            val id = "checkout/redirectParams/" + v["id"].str()
            case(id) {
                val params = v["params"].arr().map { p -> RedirectParam(p.arr()[0].str(), p.arr()[1].str()) }
                val call = { c.verifyRedirectParams(params) }
                if (v.obj().containsKey("expected")) assertSubset(id, v["expected"], call())
                else expectError(id, v["error"], call)
            }
        }
    }
}

/**
 * A tracker event of checkout.json as a Kotlin host builds it: the outcome
 * of an answer comes from its parser (HTTP status + body; a 5xx is unknown),
 * a notification's from its resultCode, no resultCode is a transport timeout.
 */
private fun trackerEvent(e: Any?): TrackerEvent {
    val now = e["nowMs"].long()
    val code = e["resultCode"]?.long()
    val status = e["httpStatus"]?.long()?.toInt() ?: 200
    fun answered(parse: (Int, String) -> Outcome): Outcome =
        if (code == null) outcomeTransportTimeout() else parse(status, "{\"resultCode\":$code}")
    return when (val name = e["event"].str()) {
        "createAnswered" -> TrackerEvent.CreateAnswered(answered { s, b -> parseCreatePayment(s, b).outcome }, now)
        "payAnswered" -> TrackerEvent.PayAnswered(answered { s, b -> parseTokenizationPay(s, b).outcome }, now)
        "refundAnswered" -> TrackerEvent.RefundAnswered(answered { s, b -> parseRefund(s, b).outcome }, now)
        "queryAnswered" -> TrackerEvent.QueryAnswered(answered { s, b -> parseQuery(s, b).outcome }, now)
        "confirmAnswered" -> TrackerEvent.ConfirmAnswered(
            ConfirmRequestType.valueOf(e["requestType"].str().uppercase()),
            answered { s, b -> parseConfirm(s, b).outcome },
            now,
        )
        "notified" -> {
            require(e["httpStatus"] == null) { "a notification has no HTTP status" }
            TrackerEvent.Notified(e["transId"]?.long(), outcomeOfPayment(code!!), now)
        }
        "transportTimeout" -> TrackerEvent.TransportTimeout(now)
        "tick" -> TrackerEvent.Tick(now)
        else -> error("unknown tracker event $name")
    }
}

/** A next step in the vectors' JSON form (the core's serde form). */
private fun nextStepJson(n: NextStep): Map<String, Any?> = when (n) {
    is NextStep.WaitUntil -> mapOf("step" to "waitUntil", "atMs" to n.atMs)
    is NextStep.QueryNow -> mapOf("step" to "queryNow")
    is NextStep.Confirm -> mapOf("step" to "confirm")
    is NextStep.Final -> mapOf(
        "step" to "final",
        "state" to n.state.name.lowercase(),
        "reason" to n.reason.name.lowercase(),
        "resultCode" to n.resultCode,
    )
}

/** Parsed JSON with its numbers as Long, for equality with Kotlin values. */
private fun longs(v: Any?): Any? = when (v) {
    is JNum -> v.toLong()
    is Map<*, *> -> v.mapValues { longs(it.value) }
    is List<*> -> v.map { longs(it) }
    else -> v
}

/** The PaymentTracker object: every step of every sequence, exactly. */
private fun checkoutTrackerVectors() {
    for (v in checkoutFile()["tracker"].arr()) {
        val id = "checkout/tracker/" + v["id"].str()
        case(id) {
            val operation = TrackedOperation.valueOf(v["operation"].str().uppercase())
            PaymentTracker(operation, v["expiresAtMs"].long()).use { tracker ->
                val events = v["events"].arr()
                val expected = v["expected"].arr()
                checkEq(expected.size, events.size, "$id: events and steps")
                events.zip(expected).forEachIndexed { i, (e, exp) ->
                    val step = tracker.handle(trackerEvent(e))
                    val got = mapOf("next" to nextStepJson(step.next), "duplicate" to step.duplicate)
                    checkEq(longs(exp), got, "$id[$i]")
                    checkEq(step.next, tracker.next(), "$id[$i]: next()")
                    // The stored form restores the same tracker.
                    PaymentTracker.fromJson(tracker.toJson()).use { back ->
                        checkEq(tracker.toJson(), back.toJson(), "$id[$i]: toJson/fromJson")
                    }
                }
                checkEq(operation, tracker.operation(), "$id: operation")
                checkEq(v["expiresAtMs"].long(), tracker.expiresAtMs(), "$id: expiresAtMs")
            }
        }
    }
    // Stored text every host refuses to resume, with the same code and field.
    for (v in checkoutFile()["trackerRestoreErrors"].arr()) {
        val id = "checkout/trackerRestoreErrors/" + v["id"].str()
        case(id) {
            expectError(id, v["error"]) { PaymentTracker.fromJson(v["stored"].str()) }
        }
    }
}

/** What the checkout vectors do not cover: the tracker's own errors. */
private fun checkoutBindingBehaviour() {
    case("tracker-errors") {
        PaymentTracker(TrackedOperation.CREATE, 1_765_091_400_000).use { t ->
            val before = t.toJson()
            expectError("tracker-negative-now", mapOf("code" to "INVALID_INPUT", "field" to "nowMs")) {
                t.handle(TrackerEvent.Tick(-1))
            }
            checkEq(before, t.toJson(), "an error changes nothing")
        }
    }
    case("order-expiry") {
        // The core's schedule: orderExpireTime minutes, MoMo's 15 by default.
        checkEq(1_000L + 5 * 60_000, orderExpiresAtMs(1_000, 5), "orderExpireTime 5")
        checkEq(1_000L + 15 * 60_000, orderExpiresAtMs(1_000), "default")
    }
}

fun main(args: Array<String>) {
    val failed = runAll(File(args.firstOrNull() ?: ".").canonicalFile)
    for (f in failed) System.err.println("FAIL $f")
    println("kotlin: $passed checks passed, ${failed.size} failed")
    kotlin.system.exitProcess(if (failed.isEmpty()) 0 else 1)
}

/** Runs every check once over `rootDir`/tests/vectors; returns the failures (main() and the JUnit test). */
fun runAll(rootDir: File): List<String> {
    root = rootDir
    signingVectors()
    requestVectors()
    rsaVectors()
    validationVectors()
    amountVectors()
    resultCodeVectors()
    ipnVectors()
    parsingVectors()
    hostileVectors()
    checkoutCreateVectors()
    checkoutCreateErrorVectors()
    checkoutParseVectors()
    checkoutRedirectVectors()
    checkoutRedirectParamsVectors()
    checkoutTrackerVectors()
    checkoutBindingBehaviour()
    bindingBehaviour() // last: compares the codes thrown by everything above
    return failures.toList()
}

/** Checks passed so far (for the JUnit report). */
fun checksPassed(): Int = passed
