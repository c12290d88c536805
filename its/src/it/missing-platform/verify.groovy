def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def arch = [amd64: 'x86_64', x86_64: 'x86_64', aarch64: 'aarch_64'].get(System.getProperty('os.arch'), System.getProperty('os.arch'))
def platform = "linux-${arch}".toString()
def jar = new File(basedir, 'greet-native/target/greet-native-1.0.0-linux-riscv64.jar').canonicalPath

def block = { String name ->
    def m = log =~ /(?s)ERROR ${name} >>>\n(.*?)\n<<< ERROR ${name}/
    expect(m.find(), "no error reported for ${name}; the load should have failed")
    m.group(1)
}

def wrongPlatform = """No native package for platform ${platform} provides 'greet'.
Found on the class path for other platforms:
  dev.nativelib.its:greet-native:1.0.0 [linux-riscv64] in ${jar}, libraries: greet
Add the package for this platform to your dependencies:
  <dependency>
    <groupId>dev.nativelib.its</groupId>
    <artifactId>greet-native</artifactId>
    <version>1.0.0</version>
    <classifier>${platform}</classifier>
  </dependency>
If the platform was detected wrongly, set -Dnativelib.platform=<platform>.""".toString()
def actual = block('greet')
expect(actual == wrongPlatform, "unexpected message:\n${actual}\n--- expected:\n${wrongPlatform}")

def nothing = """No native package provides 'nosuchlib' for platform ${platform} (no package has that artifactId and none holds a library of that name).
Native packages on the class path:
  dev.nativelib.its:greet-native:1.0.0 [linux-riscv64] in ${jar}, libraries: greet
Add the JAR of the package that ships 'nosuchlib' to your dependencies, with <classifier>${platform}</classifier>.
If the platform was detected wrongly, set -Dnativelib.platform=<platform>.""".toString()
actual = block('nosuchlib')
expect(actual == nothing, "unexpected message:\n${actual}\n--- expected:\n${nothing}")
expect(!log.contains('unexpectedly loaded'), 'a load succeeded that should have failed')
return true
