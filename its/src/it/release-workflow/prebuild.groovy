// The release workflow shipped with examples/greet (.github/workflows/release.yml), run on this machine as far as one
// machine can: the steps of its linux-x86_64 job, then those of the release job, for a release of that one platform
// deployed into repo/ beside this script. What runs comes from the workflow file: its run: scripts verbatim, with
// ${{ matrix.* }} replaced by the linux-x86_64 row, and ./mvnw standing for the Maven that runs the ITs (their
// settings and local repository). The actions are simulated: checkout copies examples/greet, setup-java is the JDK
// of this build, upload-artifact and download-artifact copy the artifact as GitHub stores and restores it.
// verify.groovy checks what was deployed.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit
import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Just enough YAML for a workflow file: block mappings and sequences, flow mappings and sequences, literal and folded
 * block scalars, plain and quoted scalars, comments. Scalars stay strings. Anything else (anchors, tags, multi-line
 * plain or quoted scalars) is an error naming the line, never a silent misreading.
 */
class MiniYaml {
    private static final Pattern KEY = ~/^("[^"]*"|'[^']*'|[^\s#'"{\[\]},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/
    private final List<String> lines
    private int i = 0

    private MiniYaml(String text) {
        lines = new ArrayList<>(Arrays.asList(text.replace('\r\n', '\n').split('\n', -1)))
    }

    static Object parse(String text) {
        MiniYaml y = new MiniYaml(text)
        y.skipBlank()
        if (y.i < y.lines.size() && y.lines[y.i].trim() == '---') {
            y.i++
        }
        Object v = y.node(0)
        y.skipBlank()
        if (y.i < y.lines.size()) {
            throw y.error('unexpected content')
        }
        return v
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException('workflow YAML line ' + (i + 1) + ': ' + what
                + (i < lines.size() ? ': ' + lines[i].trim() : ''))
    }

    private static int indent(String l) {
        int n = 0
        while (n < l.length() && l.charAt(n) == (char) ' ') {
            n++
        }
        return n
    }

    private static boolean isBlank(String l) {
        String t = l.trim()
        return t.isEmpty() || t.startsWith('#')
    }

    private static boolean isItem(String c) {
        return c == '-' || c.startsWith('- ')
    }

    private void skipBlank() {
        while (i < lines.size() && isBlank(lines[i])) {
            i++
        }
        if (i < lines.size() && lines[i].startsWith('\t')) {
            throw error('a tab in the indentation')
        }
    }

    /** The node that starts at the next non-blank line, or null if that line is indented less than minIndent. */
    private Object node(int minIndent) {
        skipBlank()
        if (i >= lines.size()) {
            return null
        }
        int n = indent(lines[i])
        if (n < minIndent) {
            return null
        }
        String c = lines[i].substring(n)
        if (isItem(c)) {
            return sequence(n)
        }
        if (c =~ KEY) {
            return mapping(n)
        }
        Object v = inline(c)
        i++
        return v
    }

    private Map mapping(int n) {
        Map m = new LinkedHashMap()
        while (true) {
            skipBlank()
            if (i >= lines.size()) {
                break
            }
            int ind = indent(lines[i])
            String c = lines[i].substring(Math.min(ind, n))
            if (ind < n || (ind == n && isItem(c))) {
                break
            }
            if (ind > n) {
                throw error('unexpected indentation (a multi-line plain scalar?)')
            }
            Matcher k = c =~ KEY
            if (!k.matches()) {
                throw error('expected "key: value"')
            }
            String key = unquote(k.group(1).trim())
            if (m.containsKey(key)) {
                throw error('duplicate key ' + key)
            }
            m.put(key, value(k.group(2) ?: '', n))
        }
        return m
    }

    private List sequence(int n) {
        List out = []
        while (true) {
            skipBlank()
            if (i >= lines.size()) {
                break
            }
            int ind = indent(lines[i])
            if (ind < n) {
                break
            }
            if (ind > n) {
                throw error('unexpected indentation')
            }
            String c = lines[i].substring(n)
            if (!isItem(c)) {
                break
            }
            String item = c.substring(1)
            int at = n + 1 + indent(item)
            String text = item.trim()
            if (text.isEmpty() || text.startsWith('#')) {
                i++
                out.add(node(n + 1))
            } else if (isItem(text) || (text =~ KEY)) {
                // "- key: value" (or "- - x"): the item is a node whose first line starts where its text starts
                lines.set(i, ' ' * at + text)
                out.add(node(at))
            } else {
                out.add(value(text, n))
            }
        }
        return out
    }

    /**
     * The value after "key:" (or "- "), given the rest of that line (the current one); n is the indentation of the key
     * or dash. Leaves the position after the value.
     */
    private Object value(String rest, int n) {
        String r = rest.trim()
        if (r.isEmpty() || r.startsWith('#')) {
            i++
            skipBlank()
            if (i >= lines.size()) {
                return null
            }
            int ind = indent(lines[i])
            if (ind > n) {
                return node(ind)
            }
            if (ind == n && isItem(lines[i].substring(n))) {
                return sequence(n)
            }
            return null
        }
        if (r.startsWith('|') || r.startsWith('>')) {
            return block(r, n)
        }
        if (r.startsWith('&') || r.startsWith('*') || r.startsWith('!')) {
            throw error('anchors, aliases and tags are not supported')
        }
        Object v = inline(r)
        i++
        return v
    }

    private String block(String header, int n) {
        Matcher h = header =~ /^([|>])([+-]?)([1-9]?)([+-]?)\s*(#.*)?$/
        if (!h.matches()) {
            throw error('bad block scalar header ' + header)
        }
        boolean folded = h.group(1) == '>'
        String chomp = h.group(2) ?: h.group(4)
        int contentIndent = h.group(3) ? n + Integer.parseInt(h.group(3)) : -1
        List<String> body = []
        i++
        while (i < lines.size()) {
            String l = lines[i]
            if (l.trim().isEmpty()) {
                body.add('')
                i++
                continue
            }
            int ind = indent(l)
            if (contentIndent < 0) {
                if (ind <= n) {
                    break
                }
                contentIndent = ind
            }
            if (ind < contentIndent) {
                break
            }
            body.add(l.substring(contentIndent))
            i++
        }
        int last = body.size()
        while (last > 0 && body[last - 1].isEmpty()) {
            last--
        }
        List<String> content = body.subList(0, last)
        int trailing = body.size() - last
        if (content.isEmpty()) {
            return chomp == '+' ? '\n' * trailing : ''
        }
        StringBuilder text = new StringBuilder()
        for (int k = 0; k < content.size(); k++) {
            String line = content[k]
            if (k > 0) {
                String prev = content[k - 1]
                if (!folded) {
                    text.append('\n')
                } else if (line.isEmpty()) {
                    text.append('\n')
                } else if (prev.isEmpty()) {
                    // the break before empty lines was folded away; they gave the newlines
                } else if (line.startsWith(' ') || prev.startsWith(' ')) {
                    text.append('\n')
                } else {
                    text.append(' ')
                }
            }
            text.append(line)
        }
        if (chomp == '-') {
            return text.toString()
        }
        return text.toString() + '\n' + (chomp == '+' ? '\n' * trailing : '')
    }

    private Object inline(String r) {
        r = r.trim()
        if (r.startsWith('"') || r.startsWith("'")) {
            int[] p = [0] as int[]
            String s = quoted(r, p)
            rejectTrailing(r.substring(p[0]))
            return s
        }
        if (r.startsWith('{') || r.startsWith('[')) {
            int[] p = [0] as int[]
            Object v = flowValue(r, p)
            rejectTrailing(r.substring(p[0]))
            return v
        }
        Matcher comment = r =~ /\s#/
        return (comment.find() ? r.substring(0, comment.start()) : r).trim()
    }

    private void rejectTrailing(String after) {
        String a = after.trim()
        if (!a.isEmpty() && !a.startsWith('#')) {
            throw error('text after a quoted or flow value')
        }
    }

    private String quoted(String s, int[] p) {
        char q = s.charAt(p[0])
        StringBuilder b = new StringBuilder()
        int j = p[0] + 1
        while (j < s.length()) {
            char c = s.charAt(j)
            if (q == (char) '\'') {
                if (c == (char) '\'') {
                    if (j + 1 < s.length() && s.charAt(j + 1) == (char) '\'') {
                        b.append('\'')
                        j += 2
                        continue
                    }
                    p[0] = j + 1
                    return b.toString()
                }
            } else if (c == (char) '\\' && j + 1 < s.length()) {
                char e = s.charAt(j + 1)
                Map<String, String> escapes = ['n': '\n', 't': '\t', '"': '"', '\\': '\\', '/': '/', ' ': ' ',
                                               '0': String.valueOf((char) 0)]
                if (!escapes.containsKey(String.valueOf(e))) {
                    throw error('unsupported escape \\' + e)
                }
                b.append(escapes[String.valueOf(e)])
                j += 2
                continue
            } else if (c == (char) '"') {
                p[0] = j + 1
                return b.toString()
            }
            b.append(c)
            j++
        }
        throw error('unterminated quoted scalar (multi-line quoted scalars are not supported)')
    }

    private Object flowValue(String s, int[] p) {
        ws(s, p)
        if (p[0] >= s.length()) {
            throw error('unterminated flow collection')
        }
        char c = s.charAt(p[0])
        if (c == (char) '{' || c == (char) '[') {
            boolean map = c == (char) '{'
            char close = map ? (char) '}' : (char) ']'
            Object out = map ? new LinkedHashMap() : []
            p[0]++
            ws(s, p)
            if (p[0] < s.length() && s.charAt(p[0]) == close) {
                p[0]++
                return out
            }
            while (true) {
                if (map) {
                    String key = flowScalar(s, p, true)
                    ws(s, p)
                    if (p[0] >= s.length() || s.charAt(p[0]) != (char) ':') {
                        throw error('expected ":" in a flow mapping')
                    }
                    p[0]++
                    ((Map) out).put(key, flowValue(s, p))
                } else {
                    ((List) out).add(flowValue(s, p))
                }
                ws(s, p)
                if (p[0] < s.length() && s.charAt(p[0]) == (char) ',') {
                    p[0]++
                    continue
                }
                if (p[0] < s.length() && s.charAt(p[0]) == close) {
                    p[0]++
                    return out
                }
                throw error('expected "," or "' + close + '" in a flow collection')
            }
        }
        return flowScalar(s, p, false)
    }

    private String flowScalar(String s, int[] p, boolean key) {
        ws(s, p)
        if (p[0] < s.length() && (s.charAt(p[0]) == (char) '"' || s.charAt(p[0]) == (char) '\'')) {
            return quoted(s, p)
        }
        int start = p[0]
        while (p[0] < s.length()) {
            char c = s.charAt(p[0])
            if (c == (char) ',' || c == (char) '}' || c == (char) ']' || c == (char) '{' || c == (char) '[') {
                break
            }
            if (key && c == (char) ':' && (p[0] + 1 >= s.length() || s.charAt(p[0] + 1) == (char) ' ')) {
                break
            }
            p[0]++
        }
        return s.substring(start, p[0]).trim()
    }

    private static void ws(String s, int[] p) {
        while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
            p[0]++
        }
    }

    private String unquote(String key) {
        if (key.startsWith('"') || key.startsWith("'")) {
            int[] p = [0] as int[]
            return quoted(key, p)
        }
        return key
    }
}

// ---------------------------------------------------------------------------------------------------------------

def fail = { String what -> throw new IllegalStateException('release-workflow: ' + what) }
final String PLATFORM = 'linux-x86_64'

File root = basedir.canonicalFile
while (root != null && !new File(root, 'examples/greet/.github/workflows/release.yml').isFile()) {
    root = root.parentFile
}
if (root == null) {
    fail("examples/greet/.github/workflows/release.yml not found in any directory above ${basedir}")
}
File example = new File(root, 'examples/greet')
File workflowFile = new File(example, '.github/workflows/release.yml')
println "[release-workflow] ${workflowFile}"

File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
if (!settings.isFile()) {
    fail("the ITs' settings are not at ${settings}")
}
File mvn = new File(System.getProperty('maven.home') ?: 'maven.home not set', 'bin/mvn')
if (!mvn.canExecute()) {
    fail("no Maven at ${mvn} (system property maven.home)")
}
File repo = new File(basedir, 'repo')
File invocations = new File(basedir, 'mvnw-invocations.txt')
invocations.text = ''

Map wf = MiniYaml.parse(workflowFile.getText('UTF-8')) as Map
if (!(wf?.jobs instanceof Map)) {
    fail('the workflow has no jobs')
}
Map jobs = wf.jobs as Map
def rowsOf = { job ->
    def include = job instanceof Map ? job.strategy?.matrix?.include : null
    include instanceof List ? include.findAll { it instanceof Map } : []
}

// The job that builds linux-x86_64: the one with that matrix row.
def found = []
jobs.each { id, job -> rowsOf(job).each { row -> if (row.platform == PLATFORM) { found << [id, job, row] } } }
if (found.size() != 1) {
    fail("expected one job with a matrix row `platform: ${PLATFORM}`, found ${found.size()}: ${found.collect { it[0] }}")
}
String buildId = found[0][0]
Map buildJob = found[0][1] as Map
Map row = found[0][2] as Map
if (buildJob.container != null) {
    fail("job ${buildId} runs in a container; this test runs its steps on this machine")
}
// The release job: the one that needs it.
def needsOf = { job -> job instanceof Map ? (job.needs instanceof List ? job.needs : (job.needs ? [job.needs] : [])) : [] }
def releases = jobs.findAll { id, job -> needsOf(job).contains(buildId) }
if (releases.size() != 1) {
    fail("expected one job that needs ${buildId}, found ${releases.keySet()}")
}
String releaseId = releases.keySet().first()
Map releaseJob = releases[releaseId] as Map

// Every platform the workflow builds is what the release expects, and nothing else.
def workflowPlatforms = jobs.values().collectMany { job -> rowsOf(job).collect { it.platform } }.findAll { it } as Set
def pom = new groovy.xml.XmlSlurper().parse(new File(example, 'pom.xml'))
def profile = pom.profiles.profile.find { it.id.text() == 'nativelib-release' }
def props = profile.children().find { it.name() == 'properties' }
def expected = (props.children().find { it.name() == 'nativelib.expectedPlatforms' }?.text() ?: '')
        .split(',')*.trim().findAll { it } as Set
if (expected != workflowPlatforms) {
    fail("the workflow builds ${workflowPlatforms.sort()}, but the nativelib-release profile of examples/greet/pom.xml"
            + " expects ${expected.sort()}")
}
println "[release-workflow] job ${buildId} builds ${PLATFORM} (${row}); job ${releaseId} releases ${expected.sort()}"

// ---------------------------------------------------------------------------------------------------------------

def quote = { String s -> "'" + s.replace("'", "'\\''") + "'" }

def copyTree = { File from, File to, boolean skipTargets ->
    Path src = from.toPath()
    Files.walk(src).withCloseable { stream ->
        stream.forEach { Path p ->
            Path rel = src.relativize(p)
            if (skipTargets && rel.iterator().any { it.toString() == 'target' }) {
                return
            }
            Path dst = to.toPath().resolve(rel.toString())
            if (Files.isDirectory(p)) {
                Files.createDirectories(dst)
            } else {
                Files.createDirectories(dst.parent)
                Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
    }
}

// ${{ matrix.<key> }} from the row; any other expression is an error (secrets only where they are skipped).
def substitute = { String text, Map matrix, String where ->
    Matcher m = text =~ /\$\{\{\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/
    StringBuilder out = new StringBuilder()
    while (m.find()) {
        String key = m.group(1)
        if (matrix == null || !matrix.containsKey(key)) {
            fail("${where}: matrix.${key} is not in the ${PLATFORM} row ${matrix}")
        }
        m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(matrix[key])))
    }
    m.appendTail(out)
    String s = out.toString()
    if (s.contains('${{')) {
        fail("${where}: an expression this test cannot evaluate: ${s}")
    }
    return s
}

def envOf = { Object env, Map matrix, String where ->
    Map out = [:]
    if (env instanceof Map) {
        env.each { k, v ->
            String value = String.valueOf(v)
            if (value =~ /\$\{\{\s*secrets\./) {
                println "[release-workflow] ${where}: ${k} not set (a secret)"
            } else {
                out[String.valueOf(k)] = substitute(value, matrix, "${where}, env ${k}")
            }
        }
    }
    return out
}

def shellOf = { Map step, Map job ->
    String s = step.shell ?: job.defaults?.run?.shell ?: wf.defaults?.run?.shell ?: 'bash'
    return s.trim()
}

File artifacts = new File(basedir, 'artifacts')
Map<String, File> uploaded = [:]

def writeStandIn = { File workspace, String label, List<String> extra ->
    File f = new File(workspace, 'mvnw')
    f.text = """#!/usr/bin/env bash
# Written by the release-workflow IT: ./mvnw is the Maven that runs the ITs, with their settings and local repository.
printf '%s\\n' ${quote(label + ': ./mvnw')}" \$*" >> ${quote(invocations.absolutePath)}
exec ${quote(mvn.absolutePath)} -s ${quote(settings.absolutePath)} ${quote('-Dmaven.repo.local=' + localRepositoryPath.absolutePath)} "\$@" ${extra.collect { quote(it) }.join(' ')}
"""
    f.setExecutable(true)
}

// On the PATH of every step, before the real one: a mvn that refuses, should a script call Maven another way.
File noMvn = new File(basedir, 'no-mvn')
noMvn.mkdirs()
new File(noMvn, 'mvn').text = '#!/bin/sh\necho "release-workflow IT: a step ran mvn from the PATH; the test replaces ./mvnw only" >&2\nexit 1\n'
new File(noMvn, 'mvn').setExecutable(true)

def runJob = { String jobId, Map job, Map matrix, String label, File workspace, List<String> extra ->
    if (!(job.steps instanceof List) || job.steps.isEmpty()) {
        fail("job ${jobId} has no steps")
    }
    Map jobEnv = envOf(wf.env, matrix, "workflow") + envOf(job.env, matrix, "job ${jobId}")
    boolean checkedOut = false
    job.steps.eachWithIndex { Object s, int index ->
        int n = index + 1
        String where = "job ${jobId}, step ${n}"
        if (!(s instanceof Map)) {
            fail("${where} is not a mapping")
        }
        Map step = s as Map
        if (step.if != null) {
            fail("${where} has an if:, which this test does not evaluate")
        }
        if (step.uses != null) {
            String uses = String.valueOf(step.uses)
            Map with = step.with instanceof Map ? step.with as Map : [:]
            if (uses.startsWith('actions/checkout@')) {
                workspace.deleteDir()
                copyTree(example, workspace, true)
                writeStandIn(workspace, label, extra)
                checkedOut = true
                println "[release-workflow] ${where}: ${uses}: examples/greet copied into ${workspace}"
            } else if (uses.startsWith('actions/setup-java@')) {
                println "[release-workflow] ${where}: ${uses}: the JDK of this build, ${System.getProperty('java.home')}"
            } else if (uses.startsWith('actions/upload-artifact@')) {
                String name = substitute(String.valueOf(with.name ?: 'artifact'), matrix, where)
                String path = substitute(String.valueOf(with.path ?: ''), matrix, where).trim()
                if (path.isEmpty() || path.contains('\n') || path =~ /[*?\[]/) {
                    fail("${where}: upload path '${path}': this test handles one directory, not globs or lists")
                }
                File dir = new File(workspace, path)
                if (!dir.isDirectory() || !dir.listFiles()) {
                    fail("${where}: nothing to upload in ${dir}")
                }
                // the artifact holds the directory's contents (the root of the upload is the directory itself)
                File stored = new File(artifacts, name)
                if (stored.exists()) {
                    fail("${where}: artifact ${name} uploaded twice")
                }
                copyTree(dir, stored, false)
                uploaded[name] = stored
                println "[release-workflow] ${where}: ${uses}: ${path} uploaded as artifact ${name}"
            } else if (uses.startsWith('actions/download-artifact@')) {
                String target = substitute(String.valueOf(with.path ?: '.'), matrix, where)
                boolean merge = String.valueOf(with.'merge-multiple') == 'true'
                def wanted = with.name != null ? [substitute(String.valueOf(with.name), matrix, where)] : null
                String pattern = with.pattern != null ? substitute(String.valueOf(with.pattern), matrix, where) : null
                def names = uploaded.keySet().findAll { name ->
                    wanted != null ? wanted.contains(name)
                            : pattern == null || name ==~ Pattern.quote(pattern).replace('*', '\\E.*\\Q').replace('?', '\\E.\\Q')
                }
                if (names.isEmpty()) {
                    fail("${where}: no uploaded artifact matches (uploaded: ${uploaded.keySet()})")
                }
                names.each { name ->
                    // one artifact (by name) or merge-multiple: into the path; several otherwise: path/<name>/
                    File into = new File(workspace, target)
                    if (wanted == null && !merge) {
                        into = new File(into, name)
                    }
                    copyTree(uploaded[name], into, false)
                    println "[release-workflow] ${where}: ${uses}: artifact ${name} downloaded into ${into}"
                }
            } else {
                fail("${where} uses ${uses}, which this test cannot simulate")
            }
        } else if (step.run != null) {
            if (!checkedOut) {
                fail("${where} runs before any checkout")
            }
            String shell = shellOf(step, job)
            if (!(shell == 'bash' || shell.startsWith('bash '))) {
                fail("${where} runs in ${shell}; this test runs bash scripts")
            }
            String script = substitute(String.valueOf(step.run), matrix, where)
            File scriptFile = new File(basedir, "${label}-step${n}.sh")
            scriptFile.text = script
            File log = new File(basedir, "${label}-step${n}.log")
            Map env = jobEnv + envOf(step.env, matrix, where)
            println "[release-workflow] ${where} (${step.name ?: 'run'}):\n${script.readLines().collect { '    ' + it }.join('\n')}"
            ProcessBuilder pb = new ProcessBuilder('bash', '--noprofile', '--norc', '-eo', 'pipefail', scriptFile.absolutePath)
                    .directory(workspace).redirectErrorStream(true).redirectOutput(log)
            pb.environment().putAll(['JAVA_HOME': System.getProperty('java.home'), 'CI': 'true',
                                     'GITHUB_WORKSPACE': workspace.absolutePath,
                                     'PATH': noMvn.absolutePath + File.pathSeparator + System.getenv('PATH')] + env)
            Process p = pb.start()
            boolean done = p.waitFor(30, TimeUnit.MINUTES)
            if (!done) {
                p.descendants().forEach { it.destroyForcibly() }
                p.destroyForcibly()
            }
            log.eachLine { println '    | ' + it }
            if (!done) {
                fail("${where} did not finish in 30 minutes; its output is above and in ${log}")
            }
            if (p.exitValue() != 0) {
                fail("${where} (${step.name ?: 'run'}) exited with ${p.exitValue()}; its output is above and in ${log}")
            }
        } else {
            fail("${where} neither uses an action nor runs a script")
        }
    }
}

// Before anything runs: every expression resolves, Maven is called as ./mvnw only (the one command this test
// replaces), and each job calls it.
def checkScripts = { String jobId, Map job, Map matrix ->
    if (!(job.steps instanceof List)) {
        fail("job ${jobId} has no steps")
    }
    int maven = 0
    job.steps.eachWithIndex { Object s, int index ->
        if (s instanceof Map && s.run != null) {
            String where = "job ${jobId}, step ${index + 1}"
            String script = substitute(String.valueOf(s.run), matrix, where)
            if (script =~ /(?m)(^|[\s;&|(`'"\/])mvn(\s|$)/) {
                fail("${where} runs mvn; this test replaces ./mvnw only:\n${script}")
            }
            if (script.contains('./mvnw')) {
                maven++
            }
        }
    }
    if (maven == 0) {
        fail("job ${jobId} runs no ./mvnw command")
    }
}
checkScripts(buildId, buildJob, row)
checkScripts(releaseId, releaseJob, null)

File buildWorkspace = new File(basedir, "workspaces/${buildId}-${PLATFORM}")
File releaseWorkspace = new File(basedir, "workspaces/${releaseId}")
runJob(buildId, buildJob, row, 'build', buildWorkspace, [])
runJob(releaseId, releaseJob, null, 'release', releaseWorkspace, [
        // the one platform this machine built; the workflow's release expects every platform of the matrix
        "-Dnativelib.expectedPlatforms=${PLATFORM}".toString(),
        "-DaltDeploymentRepository=it-release::file://${repo.absolutePath}".toString(),
        '-Dmaven.install.skip=true'])

Properties info = new Properties()
info.setProperty('buildJob', buildId)
info.setProperty('releaseJob', releaseId)
info.setProperty('buildWorkspace', buildWorkspace.absolutePath)
info.setProperty('releaseWorkspace', releaseWorkspace.absolutePath)
new File(basedir, 'release-workflow.properties').withOutputStream { info.store(it, 'written by prebuild.groovy') }
return true
