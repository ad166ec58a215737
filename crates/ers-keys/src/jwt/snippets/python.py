#!/usr/bin/env python3
"""Ask the NHS API platform for an access token: {{TITLE}}.

Signs a client assertion (RS512; e-RS Stage 4, guidance 4.2) with your private key and posts it
to the {{ENV}} token URL. Written for you by ers-golive; the values below are your project's.

    python3 -m pip install PyJWT==2.15.1 cryptography==48.0.0
#TE#    export NHS_CIS2_ID_TOKEN='<the id_token from the NHS CIS2 sign-in>'
    python3 {{FILE}}              # sends the request, prints the token server's answer
    python3 {{FILE}} --dry-run    # prints the form it would send, and sends nothing
"""

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import jwt  # PyJWT 2.15.1; RS512 needs cryptography 48.0.0

TOKEN_URL = {{TOKEN_URL}}
API_KEY = {{API_KEY}}  # the application's "Key" in the developer portal, not its secret
KID = {{KID}}  # the kid of your key in the application's JWKS
PRIVATE_KEY_FILE = os.environ.get("PRIVATE_KEY_FILE", {{KEY_FILE}})


def client_assertion():
    """A new RS512 client assertion: a new jti, and exp 5 minutes ahead (never more)."""
    with open(PRIVATE_KEY_FILE, "rb") as f:
        private_key = f.read()  # PEM, unencrypted: PKCS#8 or PKCS#1
    now = int(time.time())
    claims = {
        "iss": API_KEY,
        "sub": API_KEY,
        "aud": TOKEN_URL,
        "jti": str(uuid.uuid4()),
        "exp": now + 300,
        "iat": now,
    }
    return jwt.encode(claims, private_key, algorithm="RS512", headers={"kid": KID, "typ": "JWT"})


def form():
    """The token request's form fields, in the order the token server reads them."""
    fields = {
#CC#        "grant_type": "client_credentials",
#TE#        "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
#TE#        "subject_token_type": "urn:ietf:params:oauth:token-type:id_token",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": client_assertion(),
    }
#TE#    id_token = os.environ.get("NHS_CIS2_ID_TOKEN", "").strip()
#TE#    if not id_token:
#TE#        sys.exit("set NHS_CIS2_ID_TOKEN to the id_token of the user's NHS CIS2 sign-in")
#TE#    fields["subject_token"] = id_token
    return urllib.parse.urlencode(fields)


def main():
    body = form()
    if "--dry-run" in sys.argv[1:]:
        print(body)
        return
    request = urllib.request.Request(
        TOKEN_URL,
        data=body.encode("ascii"),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            print(json.dumps(json.load(response), indent=2))
    except urllib.error.HTTPError as error:
        # The token server answers one problem at a time: {"error": …, "error_description": …}
        sys.exit(f"HTTP {error.code}: {error.read().decode()}")


if __name__ == "__main__":
    main()
