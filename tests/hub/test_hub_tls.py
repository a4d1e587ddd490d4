"""TLS to the hub with `sslmode=verify-full`: a CA made here, a server that accepts TLS only; the
program connects when the certificate verifies and says so, in the user's language, when not."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import text

from hexi_care.db import hub
from hexi_care.errors import StoreProblem
from tests.pgcluster import running_cluster


def _ca(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _server(ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def test_verify_full_connects_and_a_wrong_ca_or_plain_text_is_refused(tmp_path: Path) -> None:
    ca_key, ca = _ca("hexi test CA")
    cert, key = _server(ca_key, ca)
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    _other_key, other = _ca("someone else's CA")
    other_file = tmp_path / "other.pem"
    other_file.write_bytes(other.public_bytes(serialization.Encoding.PEM))
    hba = [
        "local all all trust",
        "hostssl all all 127.0.0.1/32 trust",
        "hostnossl all all 127.0.0.1/32 reject",
    ]
    with running_cluster(
        ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"],
        hba=hba,
        files={"server.crt": cert, "server.key": key},
    ) as cluster:
        base = cluster.url()
        good = f"{base}?sslmode=verify-full&sslrootcert={ca_file}"
        engine = hub.make_hub_engine(good, pool_size=1)
        try:
            with engine.connect() as conn:
                on = conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar()
            assert on is True
        finally:
            engine.dispose()
        with pytest.raises(StoreProblem) as wrong_ca:
            hub.upgrade_hub(f"{base}?sslmode=verify-full&sslrootcert={other_file}")
        assert wrong_ca.value.key == "hub_tls"
        assert "证书" in wrong_ca.value.message("zh")
        with pytest.raises(StoreProblem) as plain:
            hub.upgrade_hub(f"{base}?sslmode=disable")
        assert plain.value.key == "hub_refused"
