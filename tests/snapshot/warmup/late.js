// Required only by the main function, never at build time.
exports.calls = 0;
