exports.name = 'helper loaded';
