// The AWS SDK for JavaScript v3 against sagemaker-local: every operation, the
// modeled errors as the SDK's own classes, paginators, waiters, idempotency,
// throttling and injected 5xx retried by the SDK, rejected signatures.
//
// usage: node conformance_js.mjs PATH/TO/sagemaker-local
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import https from "node:https";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";
import * as sm from "@aws-sdk/client-sagemaker";

const sdkVersion = JSON.parse(
  readFileSync(new URL("./node_modules/@aws-sdk/client-sagemaker/package.json", import.meta.url))
).version;
const suite = `@aws-sdk/client-sagemaker ${sdkVersion}`;
const binary = process.argv[2];
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const roleArn = "arn:aws:iam::123456789012:role/sagemaker-local";
const baseImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag";
const servers = [];
let passed = 0;

// A hung run must not hang ctest: give up, and take the servers down.
const watchdog = setTimeout(() => {
  console.error(`[${suite}] timed out`);
  stopAll().finally(() => process.exit(1));
}, 150_000);

/** Starts sagemaker-local on a free port; resolves to {url, ca, process}. */
function start(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout });
    const server = { process: child };
    servers.push(server);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`sagemaker-local exited with ${code}`)));
    lines.on("line", (line) => {
      const [key, value] = line.split(" ");
      if (key === "listening") server.url = value;
      if (key === "ca-bundle") {
        server.ca = readFileSync(value);
        resolve(server);
      }
    });
  });
}

function stopAll() {
  return Promise.all(
    servers.map(
      ({ process: child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.removeAllListeners("exit");
          child.on("exit", resolve);
          child.kill("SIGTERM");
        })
    )
  );
}

async function stats(server) {
  return new Promise((resolve, reject) => {
    https
      .get(`${server.url}/__stats`, { ca: server.ca }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}

function client(server, options = {}) {
  return new sm.SageMakerClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials,
    requestHandler: { httpsAgent: new https.Agent({ ca: server.ca, keepAlive: true }) },
    ...options,
  });
}

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
  } catch (e) {
    console.log(`[${suite}] FAIL ${name}`);
    throw e;
  }
  passed += 1;
  console.log(`[${suite}] ok   ${name} (${((Date.now() - started) / 1000).toFixed(2)} s)`);
}

/** The error a call rejects with (fails when it succeeds). */
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call succeeded");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function collect(paginator, key) {
  const items = [];
  let pages = 0;
  for await (const page of paginator) {
    pages += 1;
    items.push(...page[key]);
  }
  return { items, pages };
}

async function main() {
  const server = await start("--create-delay-ms", "50", "--delete-delay-ms", "50", "--version-quota", "5",
                             "--fail-base-image-pattern", "broken");
  const c = client(server);
  const send = (Command, input) => c.send(new Command(input));

  await check("CreateImage returns the image ARN and a request id", async () => {
    const out = await send(sm.CreateImageCommand, { ImageName: "js-img", RoleArn: roleArn, DisplayName: "JS" });
    assert.equal(out.ImageArn, "arn:aws:sagemaker:us-east-1:123456789012:image/js-img");
    assert.match(out.$metadata.requestId, /^[0-9a-f-]{36}$/);
  });

  await check("waitUntilImageCreated; DescribeImage with Date timestamps", async () => {
    const waited = await sm.waitUntilImageCreated({ client: c, maxWaitTime: 10, minDelay: 1 }, { ImageName: "js-img" });
    assert.equal(waited.state, "SUCCESS");
    const out = await send(sm.DescribeImageCommand, { ImageName: "js-img" });
    assert.equal(out.ImageStatus, "CREATED");
    assert.equal(out.DisplayName, "JS");
    assert.ok(out.CreationTime instanceof Date);
    assert.ok(Math.abs(out.CreationTime.getTime() - Date.now()) < 60_000);
  });

  await check("a taken name is the SDK's ResourceInUse", async () => {
    const e = await failure(send(sm.CreateImageCommand, { ImageName: "js-img", RoleArn: roleArn }));
    assert.ok(e instanceof sm.ResourceInUse, e.name);
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /already exists/);
  });

  await check("CreateImageVersion with the token the SDK fills in", async () => {
    const out = await send(sm.CreateImageVersionCommand, {
      ImageName: "js-img", BaseImage: baseImage, Aliases: ["stable"], JobType: "INFERENCE", Horovod: true,
    });
    assert.match(out.ImageVersionArn, /:image-version\/js-img\/1$/);
  });

  await check("ClientToken replay: same ARN, nothing created; other parameters: ValidationException", async () => {
    const before = await stats(server);
    const input = { ImageName: "js-img", BaseImage: baseImage, ClientToken: "js-token-1" };
    const a = await send(sm.CreateImageVersionCommand, input);
    const b = await send(sm.CreateImageVersionCommand, input);
    assert.equal(a.ImageVersionArn, b.ImageVersionArn);
    const after = await stats(server);
    assert.equal(after.versions_created, before.versions_created + 1);
    assert.equal(after.token_replays, before.token_replays + 1);
    const e = await failure(send(sm.CreateImageVersionCommand, { ...input, ReleaseNotes: "changed" }));
    assert.ok(e instanceof sm.SageMakerServiceException);
    assert.equal(e.name, "ValidationException");
  });

  await check("waitUntilImageVersionCreated; DescribeImageVersion by version, alias and latest", async () => {
    await sm.waitUntilImageVersionCreated({ client: c, maxWaitTime: 10, minDelay: 1 }, { ImageName: "js-img", Version: 1 });
    const v1 = await send(sm.DescribeImageVersionCommand, { ImageName: "js-img", Version: 1 });
    assert.equal(v1.ImageVersionStatus, "CREATED");
    assert.equal(v1.JobType, "INFERENCE");
    assert.equal(v1.Horovod, true);
    assert.equal(v1.ContainerImage, baseImage);
    assert.equal((await send(sm.DescribeImageVersionCommand, { ImageName: "js-img", Alias: "stable" })).Version, 1);
    assert.equal((await send(sm.DescribeImageVersionCommand, { ImageName: "js-img" })).Version, 2);
  });

  await check("UpdateImageVersion adds and removes aliases; ListAliases", async () => {
    await send(sm.UpdateImageVersionCommand, { ImageName: "js-img", Version: 2, AliasesToAdd: ["next", "rc"] });
    const out = await send(sm.UpdateImageVersionCommand, {
      ImageName: "js-img", Alias: "next", AliasesToDelete: ["rc"], ProgrammingLang: "Python 3.12",
    });
    assert.match(out.ImageVersionArn, /\/js-img\/2$/);
    const aliases = await send(sm.ListAliasesCommand, { ImageName: "js-img", Version: 2 });
    assert.deepEqual(aliases.SageMakerImageVersionAliases, ["next"]);
  });

  await check("paginators: ListImageVersions, ListAliases, ListImages", async () => {
    for (let i = 0; i < 3; i++)
      await send(sm.CreateImageVersionCommand, { ImageName: "js-img", BaseImage: baseImage, Aliases: [`a${i}`] });
    const versions = await collect(
      sm.paginateListImageVersions({ client: c, pageSize: 2 }, { ImageName: "js-img", SortBy: "VERSION", SortOrder: "ASCENDING" }),
      "ImageVersions"
    );
    assert.equal(versions.pages, 3);
    assert.deepEqual(versions.items.map((v) => v.Version), [1, 2, 3, 4, 5]);
    const aliases = await collect(sm.paginateListAliases({ client: c, pageSize: 2 }, { ImageName: "js-img" }),
                                  "SageMakerImageVersionAliases");
    assert.deepEqual(aliases.items.sort(), ["a0", "a1", "a2", "next", "stable"]);
    for (let i = 0; i < 4; i++) await send(sm.CreateImageCommand, { ImageName: `js-list-${i}`, RoleArn: roleArn });
    const images = await collect(sm.paginateListImages({ client: c, pageSize: 3 }, { NameContains: "js-list" }), "Images");
    assert.equal(images.pages, 2);
    assert.deepEqual(images.items.map((i) => i.ImageName).sort(), ["js-list-0", "js-list-1", "js-list-2", "js-list-3"]);
  });

  await check("the version quota is the SDK's ResourceLimitExceeded", async () => {
    const e = await failure(send(sm.CreateImageVersionCommand, { ImageName: "js-img", BaseImage: baseImage }));
    assert.ok(e instanceof sm.ResourceLimitExceeded, e.name);
  });

  await check("missing image, version and alias are the SDK's ResourceNotFound", async () => {
    for (const [Command, input] of [
      [sm.DescribeImageCommand, { ImageName: "nope" }],
      [sm.CreateImageVersionCommand, { ImageName: "nope", BaseImage: baseImage }],
      [sm.DescribeImageVersionCommand, { ImageName: "js-img", Version: 99 }],
      [sm.DeleteImageVersionCommand, { ImageName: "js-img", Alias: "nope" }],
      [sm.ListAliasesCommand, { ImageName: "nope" }],
      [sm.UpdateImageVersionCommand, { ImageName: "nope", Version: 1 }],
      [sm.DeleteImageCommand, { ImageName: "nope" }],
    ]) {
      const e = await failure(send(Command, input));
      assert.ok(e instanceof sm.ResourceNotFound, `${Command.name}: ${e.name}`);
    }
  });

  await check("model constraints: ValidationException naming the member", async () => {
    const e = await failure(send(sm.ListImagesCommand, { MaxResults: 500 }));
    assert.equal(e.name, "ValidationException");
    assert.match(e.message, /MaxResults/);
  });

  await check("a base image matching the failure pattern ends CREATE_FAILED (the waiter reports it)", async () => {
    await send(sm.CreateImageCommand, { ImageName: "js-failing", RoleArn: roleArn });
    await send(sm.CreateImageVersionCommand, { ImageName: "js-failing", BaseImage: "repo/broken:1" });
    const e = await failure(sm.waitUntilImageVersionCreated({ client: c, maxWaitTime: 10, minDelay: 1 }, { ImageName: "js-failing" }));
    assert.match(String(e.message), /FAILURE/);
    const out = await send(sm.DescribeImageVersionCommand, { ImageName: "js-failing" });
    assert.equal(out.ImageVersionStatus, "CREATE_FAILED");
    assert.ok(out.FailureReason);
  });

  await check("DeleteImageVersion, DeleteImage: DELETING, conflicts are ResourceInUse, then gone", async () => {
    await send(sm.DeleteImageVersionCommand, { ImageName: "js-img", Version: 3 });
    const deleting = await send(sm.DescribeImageVersionCommand, { ImageName: "js-img", Version: 3 });
    assert.equal(deleting.ImageVersionStatus, "DELETING");
    assert.ok((await failure(send(sm.DeleteImageVersionCommand, { ImageName: "js-img", Version: 3 }))) instanceof sm.ResourceInUse);
    await send(sm.DeleteImageCommand, { ImageName: "js-img" });
    const e = await failure(send(sm.CreateImageVersionCommand, { ImageName: "js-img", BaseImage: baseImage }));
    assert.ok(e instanceof sm.ResourceInUse, e.name);
    await sleep(120);
    assert.ok((await failure(send(sm.DescribeImageCommand, { ImageName: "js-img" }))) instanceof sm.ResourceNotFound);
  });

  await check("rejected signatures: wrong secret, unknown key, date 20 minutes off", async () => {
    const wrong = client(server, { credentials: { ...credentials, secretAccessKey: "not-the-secret" }, maxAttempts: 1 });
    assert.equal((await failure(wrong.send(new sm.ListImagesCommand({})))).name, "InvalidSignatureException");
    const unknown = client(server, { credentials: { ...credentials, accessKeyId: "AKIDUNKNOWN" }, maxAttempts: 1 });
    assert.equal((await failure(unknown.send(new sm.ListImagesCommand({})))).name, "UnrecognizedClientException");
    const skewed = client(server, { systemClockOffset: -20 * 60 * 1000, maxAttempts: 1 });
    const e = await failure(skewed.send(new sm.ListImagesCommand({})));
    assert.equal(e.name, "InvalidSignatureException");
    assert.match(e.message, /Signature expired/);
  });

  await check("rejected signatures: tampered, and no Authorization header", async () => {
    const cases = [
      [(h) => (h.authorization = h.authorization.slice(0, -1) + (h.authorization.endsWith("0") ? "1" : "0")), "InvalidSignatureException"],
      [(h) => delete h.authorization, "MissingAuthenticationTokenException"],
    ];
    for (const [edit, expected] of cases) {
      const tampering = client(server, { maxAttempts: 1 });
      // The deserialize step runs after signing, just before the request is sent.
      tampering.middlewareStack.add((next) => async (args) => {
        edit(args.request.headers);
        return next(args);
      }, { step: "deserialize", priority: "high" });
      assert.equal((await failure(tampering.send(new sm.ListImagesCommand({})))).name, expected);
    }
  });

  await check("/__stats counts every operation and the rejections", async () => {
    const s = await stats(server);
    for (const [op, n] of Object.entries(s.requests)) assert.ok(n > 0, op);
    assert.ok(s.signatures_rejected >= 5);
  });

  const limited = await start("--tps", "2", "--burst", "2");
  await check("throttling: ThrottlingException retried by the SDK until it succeeds", async () => {
    const patient = client(limited, { maxAttempts: 10 });
    let retried = 0;
    for (let i = 0; i < 6; i++) retried += (await patient.send(new sm.ListImagesCommand({}))).$metadata.attempts - 1;
    assert.ok(retried > 0);
    assert.ok((await stats(limited)).throttled > 0);
  });
  await check("throttling: without retries the SDK surfaces ThrottlingException", async () => {
    const hasty = client(limited, { maxAttempts: 1 });
    const names = new Set();
    for (let i = 0; i < 5; i++) {
      try {
        await hasty.send(new sm.ListImagesCommand({}));
      } catch (e) {
        names.add(e.name);
        assert.equal(e.message, "Rate exceeded");
      }
    }
    assert.deepEqual([...names], ["ThrottlingException"]);
  });

  const faulty = await start("--fault-500", "0.1", "--fault-503", "0.1", "--seed", "7");
  await check("injected 500/503 are retried by the SDK", async () => {
    const retrying = client(faulty, { maxAttempts: 10 });
    for (let i = 0; i < 12; i++) await retrying.send(new sm.ListImagesCommand({}));
    assert.ok((await stats(faulty)).faults_injected > 0);
  });

  console.log(`[${suite}] ${passed} cases passed`);
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await stopAll();
}
