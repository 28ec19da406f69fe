#!/usr/bin/env python3
"""Checks awscoro's requests on the wire with botocore, an independent implementation.

Starts an HTTPS server on 127.0.0.1 (certificate made with the openssl command),
runs the wire-client program against it, and for every request:
  - re-derives the SigV4 signature with botocore's SigV4Auth over the headers the
    request says it signed, and compares it with the Authorization header;
  - checks the credential scope, X-Amz-Date, X-Amz-Security-Token;
  - checks Content-Type and X-Amz-Target, and validates the JSON body against
    botocore's own SageMaker model (ParamValidator).
Any mismatch fails. Usage: botocore_wire_check.py WIRE_CLIENT
"""
import datetime
import http.server
import json
import os
import ssl
import subprocess
import sys
import tempfile
import threading

import botocore
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import botocore.session
import botocore.validate

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
SERVICE = "sagemaker"

model = botocore.session.get_session().get_service_model(SERVICE)
validator = botocore.validate.ParamValidator()
problems = []
checked = []


def parse_authorization(value):
    algorithm, _, rest = value.partition(" ")
    fields = dict(part.strip().split("=", 1) for part in rest.split(","))
    return algorithm, fields


def check_request(handler, body):
    headers = {k.lower(): v for k, v in handler.headers.items()}
    where = headers.get("x-amz-target", "?")

    def problem(text):
        problems.append(f"{where}: {text}")

    algorithm, auth = parse_authorization(headers.get("authorization", ""))
    if algorithm != "AWS4-HMAC-SHA256":
        return problem(f"algorithm {algorithm!r}")
    access_key, date, region, service, terminator = auth["Credential"].split("/")
    amz_date = headers.get("x-amz-date", "")
    if (access_key, region, service, terminator) != (ACCESS_KEY, REGION, SERVICE, "aws4_request"):
        problem(f"credential scope {auth['Credential']!r}")
    if not amz_date.startswith(date):
        problem(f"scope date {date} does not match X-Amz-Date {amz_date}")
    skew = abs(datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ") - datetime.datetime.utcnow())
    if skew > datetime.timedelta(minutes=5):
        problem(f"X-Amz-Date {amz_date} is {skew} off")

    signed = auth["SignedHeaders"].split(";")
    for required in ("host", "x-amz-date", "x-amz-target", "content-type"):
        if required not in signed:
            problem(f"{required} is not signed")
    token = headers.get("x-amz-security-token")
    if token is not None and "x-amz-security-token" not in signed:
        problem("the session token is sent but not signed")

    # botocore signs what it is given: give it exactly the signed headers.
    request = botocore.awsrequest.AWSRequest(
        method=handler.command,
        url=f"https://{headers['host']}{handler.path}",
        headers={name: headers[name] for name in signed},
        data=body,
    )
    request.context["timestamp"] = amz_date
    creds = botocore.credentials.Credentials(ACCESS_KEY, SECRET_KEY, token)
    signer = botocore.auth.SigV4Auth(creds, SERVICE, REGION)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if expected != auth["Signature"]:
        problem(f"signature {auth['Signature']} differs from botocore's {expected}\n{canonical}")

    if headers.get("content-type") != "application/x-amz-json-1.1":
        problem(f"Content-Type {headers.get('content-type')!r}")
    prefix, _, operation = headers.get("x-amz-target", "").partition(".")
    if prefix != "SageMaker" or operation not in model.operation_names:
        return problem(f"X-Amz-Target {headers.get('x-amz-target')!r}")
    if handler.path != "/" or handler.command != "POST":
        problem(f"{handler.command} {handler.path}")
    try:
        params = json.loads(body)
    except ValueError as e:
        return problem(f"body is not JSON: {e}")
    report = validator.validate(params, model.operation_model(operation).input_shape)
    if report.has_errors():
        problem("botocore's model rejects the body:\n" + report.generate_report())
    checked.append(operation)
    return operation


REPLIES = {
    "CreateImageVersion": {"ImageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/1"},
    "CreateImage": {"ImageArn": "arn:aws:sagemaker:us-east-1:123456789012:image/my-image"},
    "UpdateImageVersion": {"ImageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/1"},
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        operation = check_request(self, body)
        reply = json.dumps(REPLIES.get(operation, {})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", "wire-check")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def make_certificate(folder):
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True)
    return cert, key


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: botocore_wire_check.py WIRE_CLIENT")
    with tempfile.TemporaryDirectory() as folder:
        cert, key = make_certificate(folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        endpoint = f"https://127.0.0.1:{server.server_address[1]}"
        client = subprocess.run([sys.argv[1], endpoint, cert], capture_output=True, text=True, timeout=120)
        server.shutdown()
    print(client.stdout, end="")
    print(client.stderr, end="", file=sys.stderr)
    print(f"botocore {botocore.__version__} checked {len(checked)} requests: {sorted(set(checked))}")
    for p in problems:
        print("MISMATCH", p)
    operations = set(checked)
    missing = set(model.operation_names) & {
        "CreateImageVersion", "CreateImage", "DescribeImage", "DescribeImageVersion", "ListImageVersions",
        "UpdateImageVersion", "DeleteImageVersion", "ListAliases", "DeleteImage", "ListImages"} - operations
    if missing:
        print("NOT SEEN", sorted(missing))
    ok = client.returncode == 0 and not problems and not missing and len(checked) == 12
    print(f"{len(checked)} requests checked, {len(problems)} mismatches, client exit {client.returncode}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
