import java.security.MessageDigest

// prebuild.groovy ran the workflow's linux-x86_64 job and its release job (it fails itself when the workflow has no
// such jobs, no ./mvnw command in them, or a step fails). Here: what they did and what was deployed.
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
File summary = new File(basedir, 'release-workflow.properties')
// invoker runs this script even when prebuild.groovy failed: say so, rather than fail on what it did not write
expect(summary.isFile(), 'prebuild.groovy did not finish; its error is earlier in build.log')
def info = new Properties()
summary.withInputStream { info.load(it) }
File build = new File(info.getProperty('buildWorkspace'))
File release = new File(info.getProperty('releaseWorkspace'))
def stepLogs = { String label ->
    (basedir.listFiles().findAll { it.name ==~ /${label}-step\d+\.log/ }.sort { it.name }*.text).join('\n')
}
def releaseLog = stepLogs('release')
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

// The workflow's own Maven commands ran, with the matrix row substituted.
def invocations = new File(basedir, 'mvnw-invocations.txt').readLines()
expect(invocations.any { it.startsWith('build: ./mvnw ') && it =~ /\bpackage\b/ && it.contains('-Dnativelib.platform=linux-x86_64') },
        "the build job did not run ./mvnw package -Dnativelib.platform=linux-x86_64: ${invocations}")
expect(invocations.any { it.startsWith('release: ./mvnw ') && it =~ /\bdeploy\b/ && it.contains('-Pnativelib-release') },
        "the release job did not run ./mvnw deploy -Pnativelib-release: ${invocations}")

def group = new File(basedir, 'repo/dev/nativelib/examples')
expect(new File(group, 'greet-example/1.0.0/greet-example-1.0.0.pom').isFile(), 'the parent POM was not deployed')
['greet-native', 'greeting-native'].each { a ->
    File dir = new File(group, "${a}/1.0.0")
    File pom = new File(dir, "${a}-1.0.0.pom")
    File jar = new File(dir, "${a}-1.0.0-linux-x86_64.jar")
    expect(pom.isFile(), "${a}'s POM was not deployed: ${dir.list()}")
    expect(jar.isFile(), "${a}'s linux-x86_64 JAR was not deployed: ${dir.list()}")
    expect(dir.listFiles().findAll { it.name.endsWith('.jar') }.size() == 1, "one JAR per platform: ${dir.list()}")
    // The build job's JAR, handed over through the artifact to where the release job's assemble looks for it...
    File built = new File(build, "${a}/target/${a}-1.0.0-linux-x86_64.jar")
    File handedOver = new File(release, "${a}/target/nativelib-platforms/${a}-1.0.0-linux-x86_64.jar")
    expect(built.isFile(), "the build job did not make ${built}")
    expect(handedOver.isFile(), "the download step did not put the JAR at ${handedOver}")
    // ...is what was deployed: the release job built nothing itself.
    expect(sha(jar) == sha(built), "the deployed ${jar.name} is not the one the build job built")
    expect(!new File(release, "${a}/target/cmake-build").exists(), "the release job must not build ${a}")
    expect(!new File(release, "${a}/target/${a}-1.0.0-linux-x86_64.jar").exists(), "the release job must not package ${a}")
    // nativelib:assemble checked the release and attached the JAR.
    expect(releaseLog.contains("Assembled ${a} 1.0.0 for 1 platform".toString()), "no 'Assembled ${a} 1.0.0 for 1 platform' in the release log")
    expect((releaseLog =~ /linux-x86_64: attaching \S*nativelib-platforms\S*${a}-1\.0\.0-linux-x86_64\.jar/).find(),
            "the release log does not show ${a}'s JAR attached from target/nativelib-platforms")
}
// The example's app, part of the released reactor, ran against the attached JARs.
expect(releaseLog.contains('greeting: Hello, Maven, from libgreet 1.0.0, via libgreeting'),
        'the release job did not run the example against the released JARs')
return true
