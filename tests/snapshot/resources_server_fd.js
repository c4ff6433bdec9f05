// A server listening on an inherited descriptor (socket activation; the test hands a
// listening TCP socket in as fd 0) has nothing amber could listen on again after
// restore: the build refuses it by name and place.
require('net').createServer().listen({ fd: 0 });
