#!/bin/sh
# Generates the certificates the TLS fixtures use into directory $1 (private keys are
# never checked in). Run by crates/cli/tests/tls.rs; needs the `openssl` command.
#   ca.pem/ca.key            a CA ("amber test CA")
#   server.pem/server.key    localhost + 127.0.0.1 + ::1, signed by the CA
#   other.pem/other.key      other.test (for SNI), signed by the CA
#   client.pem/client.key    a client certificate (mutual TLS), signed by the CA
#   self.pem/self.key        a self-signed localhost certificate
#   expired.pem/expired.key  localhost, signed by the CA, valid 2020-2021 only
#   chain.pem                server.pem followed by ca.pem
#   inter.pem/inter.key      an intermediate CA signed by the CA
#   deep.pem/deep.key        localhost signed by the intermediate; deepchain.pem adds inter.pem
set -e
d="$1"
mkdir -p "$d"
cd "$d"
q() { "$@" >/dev/null 2>&1; }
key() { q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
key ca.key
q openssl req -x509 -new -key ca.key -subj "/C=NL/O=amber/CN=amber test CA" -days 3650 -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
leaf() { # name subject san serial [issuer]
  n="$1"; subj="$2"; san="$3"; serial="$4"; issuer="${5:-ca}"
  key "$n.key"
  q openssl req -new -key "$n.key" -subj "$subj" -out "$n.csr"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$n.ext"
  q openssl x509 -req -in "$n.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -set_serial "$serial" -days 825 -extfile "$n.ext" -out "$n.pem"
}
leaf server "/C=NL/O=amber/CN=localhost" "DNS:localhost,IP:127.0.0.1,IP:::1" 0x1001
leaf other "/C=NL/O=amber/CN=other.test" "DNS:other.test,DNS:*.other.test" 0x1002
leaf client "/C=NL/O=amber/OU=clients/CN=amber client" "DNS:client.test" 0x1003
key inter.key
q openssl req -new -key inter.key -subj "/C=NL/O=amber/CN=amber intermediate CA" -out inter.csr
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > inter.ext
q openssl x509 -req -in inter.csr -CA ca.pem -CAkey ca.key -set_serial 0x1100 -days 825 -extfile inter.ext -out inter.pem
leaf deep "/C=NL/O=amber/CN=localhost" "DNS:localhost,IP:127.0.0.1" 0x1101 inter
cat deep.pem inter.pem > deepchain.pem
key self.key
q openssl req -x509 -new -key self.key -subj "/CN=localhost" -days 365 -out self.pem -addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
# The expired certificate needs explicit dates: `openssl ca` with a throwaway database.
key expired.key
q openssl req -new -key expired.key -subj "/CN=localhost" -out expired.csr
: > index.txt
printf '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=none\nx509_extensions=e\n[p]\ncommonName=supplied\n[e]\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' > ca.cnf
echo 2001 > serial
q openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem -notext \
  -startdate 200101000000Z -enddate 210101000000Z
cat server.pem ca.pem > chain.pem
rm -f ./*.csr ./*.ext index.txt* serial* ca.cnf 2001.pem
