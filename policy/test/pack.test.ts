import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { StackResource, Types } from "../rules/types";
import { assumeRoleDefaultProvider, assumeRoleStack, createRoleStack, trustPolicy, UNKNOWN } from "./fixtures";

// The pack as `pulumi preview --policy-pack policy` starts it: the CLI's pulumi-analyzer-policy script
// runs `node <@pulumi/pulumi/cmd/run-policy-pack> <engine address> .` in the pack's folder, which loads
// package.json's main (index.ts) through ts-node and serves the Analyzer gRPC service on the port it prints.
// This test plays the engine's part of that exchange only: it starts the pack so and sends it requests.

const packDir = path.resolve(__dirname, "..", "..");
const startTimeoutMs = 120_000;

let pack: ChildProcess | undefined;
let client: AnalyzerClient;
let startedInMs = 0;

function startPack(): Promise<number> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const started = Date.now();
    pack = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    const child = pack;
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => reject(new Error(`the pack printed no port within ${startTimeoutMs} ms; stderr: ${stderr}`)), startTimeoutMs);
        child.stderr?.on("data", chunk => (stderr += String(chunk)));
        child.stdout?.on("data", chunk => {
            stdout += String(chunk);
            const line = /^(\d+)\r?\n/.exec(stdout);
            if (line) {
                clearTimeout(timer);
                startedInMs = Date.now() - started;
                resolve(Number(line[1]));
            }
        });
        child.on("exit", code => {
            clearTimeout(timer);
            reject(new Error(`the pack exited with ${code} before serving; stdout: ${stdout} stderr: ${stderr}`));
        });
    });
}

function request(r: StackResource): analyzer.AnalyzeRequest {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setUrn(r.urn);
    req.setName(r.urn.split("::").pop() ?? "");
    req.setProperties(Struct.fromJavaScript(r.props as Record<string, never>));
    req.setOptions(new analyzer.AnalyzerResourceOptions());
    if (r.provider) {
        req.setProvider(provider(r.provider.urn));
    }
    return req;
}

function provider(urn: string): analyzer.AnalyzerProviderResource {
    const p = new analyzer.AnalyzerProviderResource();
    p.setType("pulumi:providers:aws");
    p.setUrn(urn);
    p.setName(urn.split("::").pop() ?? "");
    p.setProperties(Struct.fromJavaScript({}));
    return p;
}

function stackRequest(resources: readonly StackResource[]): analyzer.AnalyzeStackRequest {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(resources.map(r => {
        const res = new analyzer.AnalyzerResource();
        res.setType(r.type);
        res.setUrn(r.urn);
        res.setName(r.urn.split("::").pop() ?? "");
        res.setProperties(Struct.fromJavaScript(r.props as Record<string, never>));
        res.setOptions(new analyzer.AnalyzerResourceOptions());
        if (r.provider) {
            res.setProvider(provider(r.provider.urn));
        }
        return res;
    }));
    return req;
}

interface Diagnostic { readonly policy: string; readonly level: analyzer.EnforcementLevel; readonly message: string; readonly urn: string }

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
    return response.getDiagnosticsList().map(d => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }));
}

function analyze(r: StackResource): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => client.analyze(request(r), (err, res) => (err ? reject(err) : resolve(diagnostics(res)))));
}

function analyzeStack(resources: readonly StackResource[]): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => client.analyzeStack(stackRequest(resources), (err, res) => (err ? reject(err) : resolve(diagnostics(res)))));
}

const roleOf = (resources: StackResource[]) => resources.find(r => r.type === Types.role)!;

describe("the pack, started as the Pulumi CLI starts it", () => {
    before(async () => {
        const port = await startPack();
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.kill();
    });

    test("it loads index.ts and declares the pack: name, version, policies and their enforcement levels", async t => {
        t.diagnostic(`the pack served after ${startedInMs} ms (ts-node compiling index.ts)`);
        const info = await new Promise<analyzer.AnalyzerInfo>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res))));
        assert.equal(info.getName(), "assume-role-pipeline");
        assert.equal(info.getVersion(), "1.0.0");
        const levels = Object.fromEntries(info.getPoliciesList().map(p => [p.getName(), p.getEnforcementlevel()]));
        assert.deepEqual(levels, {
            "unprivileged-user-has-no-rights": analyzer.EnforcementLevel.MANDATORY,
            "role-trusts-exactly-one-iam-user": analyzer.EnforcementLevel.MANDATORY,
            "role-trusts-this-stacks-user": analyzer.EnforcementLevel.MANDATORY,
            "role-allows-s3-only": analyzer.EnforcementLevel.MANDATORY,
            "bucket-is-not-public": analyzer.EnforcementLevel.MANDATORY,
            "bucket-uses-explicit-provider": analyzer.EnforcementLevel.MANDATORY,
            "role-session-at-most-one-hour": analyzer.EnforcementLevel.ADVISORY,
        });
    });

    test("every resource of both stacks passes, one by one and as stacks", async () => {
        for (const r of [...createRoleStack(), ...assumeRoleStack()]) {
            assert.deepEqual(await analyze(r), [], r.urn);
        }
        assert.deepEqual(await analyzeStack(createRoleStack()), []);
        assert.deepEqual(await analyzeStack(assumeRoleStack()), []);
    });

    // A resource policy's diagnostic carries no URN: the engine files it under the resource it asked about.
    test("a role trusting \"*\" gets a mandatory violation on that role, before it is created", async () => {
        const role = roleOf(createRoleStack({ trust: trustPolicy("*") }));
        const found = await analyze(role);
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.equal(found[0].policy, "role-trusts-exactly-one-iam-user");
        assert.equal(found[0].level, analyzer.EnforcementLevel.MANDATORY);
        assert.match(found[0].message, /assumeRolePolicy trusts Principal\.AWS "\*", which is any AWS principal at all/);
    });

    test("at preview, an unknown trust policy is no violation (and no error)", async () => {
        assert.deepEqual(await analyze(roleOf(createRoleStack({ trust: UNKNOWN }))), []);
        assert.deepEqual(await analyzeStack(createRoleStack({ arn: UNKNOWN, trust: UNKNOWN })), []);
    });

    test("a bucket through the default provider fails the stack policy, on the bucket", async () => {
        const found = await analyzeStack(assumeRoleStack(assumeRoleDefaultProvider));
        assert.deepEqual(found.map(d => [d.policy, d.level, d.urn]), [
            ["bucket-uses-explicit-provider", analyzer.EnforcementLevel.MANDATORY, "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket"],
        ]);
    });

    test("a role session over an hour is only advisory", async () => {
        const role = { ...roleOf(createRoleStack()), props: { ...roleOf(createRoleStack()).props, maxSessionDuration: 7200 } };
        const found = await analyze(role);
        assert.deepEqual(found.map(d => [d.policy, d.level]), [["role-session-at-most-one-hour", analyzer.EnforcementLevel.ADVISORY]]);
    });
});
