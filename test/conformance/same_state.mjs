// Runs same_state_script.json with the AWS SDK for JavaScript v3, one
// command per step, printing "OK Op" or "ERR Op Code" per step.
//   node same_state.mjs SCRIPT URL CA_FILE
import { readFileSync } from "node:fs";
import https from "node:https";
import * as sm from "@aws-sdk/client-sagemaker";

const [script, url, caFile] = process.argv.slice(2);
const client = new sm.SageMakerClient({
  region: "us-east-1",
  endpoint: url,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  maxAttempts: 1,
  requestHandler: { httpsAgent: new https.Agent({ ca: readFileSync(caFile), keepAlive: true }) },
});
for (const step of JSON.parse(readFileSync(script, "utf8"))) {
  try {
    await client.send(new sm[`${step.op}Command`](step.input));
    console.log(`OK ${step.op}`);
  } catch (e) {
    if (!e.$metadata) throw e;  // not a service error: a broken test
    console.log(`ERR ${step.op} ${e.name}`);
  }
}
client.destroy();
