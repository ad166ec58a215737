// Ask the NHS API platform for an access token: {{TITLE}}.
//
// Signs a client assertion (RS512; e-RS Stage 4, guidance 4.2) with your private key and posts it
// to the {{ENV}} token URL. Written for you by ers-golive; the values below are your project's.
// Java 11 or later, no libraries: the JDK's java.security and java.net.http. The private key is
// an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY), as `ers-golive keys new` writes it.
//
#TE#//   export NHS_CIS2_ID_TOKEN='<the id_token from the NHS CIS2 sign-in>'
//   java {{FILE}}              sends the request, prints the token server's answer
//   java {{FILE}} --dry-run    prints the form it would send, and sends nothing

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

public class NhsToken {
    static final String TOKEN_URL = {{TOKEN_URL}};
    /** The application's "Key" in the developer portal, not its secret. */
    static final String API_KEY = {{API_KEY}};
    /** The kid of your key in the application's JWKS. */
    static final String KID = {{KID}};

    public static void main(String[] args) throws Exception {
        String keyFile = System.getenv().getOrDefault("PRIVATE_KEY_FILE", {{KEY_FILE}});
        // The token request's form fields, in the order the token server reads them.
        Map<String, String> form = new LinkedHashMap<>();
#CC#        form.put("grant_type", "client_credentials");
#TE#        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
#TE#        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", clientAssertion(keyFile));
#TE#        String idToken = System.getenv().getOrDefault("NHS_CIS2_ID_TOKEN", "").trim();
#TE#        if (idToken.isEmpty()) {
#TE#            System.err.println("set NHS_CIS2_ID_TOKEN to the id_token of the user's NHS CIS2 sign-in");
#TE#            System.exit(1);
#TE#        }
#TE#        form.put("subject_token", idToken);
        String body = form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        if (Arrays.asList(args).contains("--dry-run")) {
            System.out.println(body);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // The token server answers one problem at a time: {"error": …, "error_description": …}
            System.err.println("HTTP " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        System.out.println(response.body());
    }

    /** A new RS512 client assertion: a new jti, and exp 5 minutes ahead (never more). */
    static String clientAssertion(String keyFile) throws Exception {
        String pem = Files.readString(Path.of(keyFile));
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(keyFile + " is not an unencrypted PKCS#8 PEM; convert it: "
                + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS512\",\"typ\":\"JWT\",\"kid\":" + json(KID) + "}";
        String claims = "{\"iss\":" + json(API_KEY) + ",\"sub\":" + json(API_KEY)
            + ",\"aud\":" + json(TOKEN_URL) + ",\"jti\":" + json(UUID.randomUUID().toString())
            + ",\"exp\":" + (now + 300) + ",\"iat\":" + now + "}";
        String input = base64url(header.getBytes(StandardCharsets.UTF_8)) + "."
            + base64url(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs512 = Signature.getInstance("SHA512withRSA"); // RSASSA-PKCS1-v1_5 with SHA-512
        rs512.initSign(key);
        rs512.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64url(rs512.sign());
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
