import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// Loaded by `pulumi preview|up --policy-pack policy`: the CLI runs @pulumi/pulumi's run-policy-pack in this
// folder with the program ".", which Node resolves through package.json's "main" (this file, via ts-node).
// Constructing the pack starts its gRPC server, so the tests import ./policies, never this file.
new PolicyPack("assume-role-pipeline", {
    description: "The invariants of the AssumeRole example: a user with no rights, a role only it may assume with S3 rights only, a private bucket made through the assumed role.",
    enforcementLevel: "mandatory",
    policies,
});
