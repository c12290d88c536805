def log = new File(basedir, 'build.log').text
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
expect(log.contains('[first child] Hello.value()=42\n'), 'the first child class loader could not call its native method')
expect(log.contains('[second child] Hello.value()=42\n'), 'the sibling class loader could not call its native method')
// Without the Lookup, the library is bound to nativelib-loader's (parent) class loader: the JVM cannot find the
// native method of a class in a child. This is why NativeLoader.load(MethodHandles.lookup(), name) exists.
expect(log.contains("[plain] java.lang.UnsatisfiedLinkError: 'int example.HelloPlain.value()'"), 'plain load should not bind the child')
return true
