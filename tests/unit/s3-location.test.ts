import { describe, expect, test } from "vitest";
import { parseS3Location, s3SettingsFrom } from "@/lib/server/uploads/s3-location";

describe("FILE_STORAGE=s3://bucket/prefix", () => {
  test("the bucket and the key prefix, with or without slashes", () => {
    expect(parseS3Location("s3://trms-files")).toEqual({ bucket: "trms-files", prefix: "" });
    expect(parseS3Location("s3://trms-files/")).toEqual({ bucket: "trms-files", prefix: "" });
    expect(parseS3Location("s3://trms-files/prod/ontario/")).toEqual({ bucket: "trms-files", prefix: "prod/ontario/" });
  });

  test("anything else is refused: another scheme, a bad bucket name, . or .. in the prefix", () => {
    for (const bad of ["trms-files", "https://trms-files/x", "s3://", "s3://Trms_Files", "s3://a", "s3://trms/../etc", "s3://trms/a/./b"]) {
      expect(() => parseS3Location(bad), bad).toThrow();
    }
  });

  test("settings: none without FILE_STORAGE; path-style by default exactly when an endpoint is set", () => {
    expect(s3SettingsFrom({})).toBeNull();
    expect(s3SettingsFrom({ FILE_STORAGE: " " })).toBeNull();
    expect(s3SettingsFrom({ FILE_STORAGE: "s3://b-1/p" })).toEqual({ location: "s3://b-1/p", endpoint: undefined, region: "us-east-1", forcePathStyle: false });
    expect(s3SettingsFrom({ FILE_STORAGE: "s3://b-1", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "ca-central-1" })).toEqual({
      location: "s3://b-1",
      endpoint: "http://127.0.0.1:9000",
      region: "ca-central-1",
      forcePathStyle: true,
    });
    expect(s3SettingsFrom({ FILE_STORAGE: "s3://b-1", S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: "false" })?.forcePathStyle).toBe(false);
  });
});
