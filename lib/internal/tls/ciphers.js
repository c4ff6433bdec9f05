'use strict';
// The default TLS cipher list. amber's own (`defaultCoreCipherList`) is every suite
// rustls offers, by OpenSSL's names in rustls's preference order; `--tls-cipher-list`
// replaces it as the default (`defaultCipherList`, tls.DEFAULT_CIPHERS), as in Node.
// Both are read when asked, so a restored snapshot sees its own command line.

function defaultCoreCipherList() {
  return binding.tls.cipherSuites().map(([, ossl]) => ossl).join(':');
}

function defaultCipherList() {
  return require('internal/options').getOptionValue('--tls-cipher-list') || defaultCoreCipherList();
}

module.exports = { defaultCoreCipherList, defaultCipherList };
