#!/usr/bin/env python3
"""A real SMTP server on a loopback port, for the test-email tests: aiosmtpd
(https://aiosmtpd.aio-libs.org), which `./x` installs from PyPI when it is missing.

    smtp_server.py --out DIR --user NAME --password SECRET --reject ADDRESS

Listens on 127.0.0.1 on a free port and prints "READY <port>" once it takes
connections. It asks for a login (AUTH PLAIN or LOGIN; no TLS, so the client must
be allowed to send unencrypted to this computer), refuses the recipient ADDRESS
with 550, and writes each message it takes to DIR/<n>.eml exactly as received
(after SMTP's dot-unstuffing), with DIR/<n>.json naming its envelope. It stops
when its standard input closes, so it never outlives the test that started it.
"""

import argparse
import json
import logging
import pathlib
import socket
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Handler:
    def __init__(self, out, reject):
        self.out = pathlib.Path(out)
        self.reject = reject.lower()
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() == self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        (self.out / f"{self.count}.eml").write_bytes(envelope.original_content)
        (self.out / f"{self.count}.json").write_text(
            json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos})
        )
        return f"250 2.0.0 Ok: queued as TEST{self.count}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--reject", required=True)
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == args.user
            and auth_data.password.decode() == args.password
        )
        return AuthResult(success=ok, handled=False)

    # A login without TLS is what this server is for (this computer only): say
    # nothing about it on every test run.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    port = free_port()
    controller = Controller(
        Handler(args.out, args.reject),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    print(f"READY {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
