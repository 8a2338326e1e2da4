import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

/**
 * Days between rotations. A link signed just before a rotation must still
 * verify until it expires, and its key is dropped at the rotation after
 * next: so at least the longest link lifetime (400 days: listing edit,
 * manage and unsubscribe links; test/infra/operations.test.ts holds them together).
 */
export const TOKEN_KEY_ROTATION_DAYS = 400;

/** The rotation function's handler, relative to the repo root: it is not in the topology (Secrets Manager invokes it, nothing else). */
export const ROTATE_TOKEN_KEYS_ENTRY = { RotateTokenKeys: 'functions/keys/rotate.handler.ts' } as const;

export interface TokenKeysRotationProps {
  /** The rotation function's bundle (`ROTATE_TOKEN_KEYS_ENTRY`, built with the other functions in one esbuild run). */
  readonly code: Code;
  /**
   * X-Ray tracing of the rotation function.
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * Days between automatic rotations.
   * @default TOKEN_KEY_ROTATION_DAYS
   */
  readonly rotationDays?: number;
  /** Where the rotation function's failed async invocations go (the stack's shared on-failure queue). */
  readonly failures: IQueue;
}

/**
 * The token signing keys: a secret named after the stack, kept when the
 * stack is deleted (a redeploy with the same keys keeps every emailed link
 * working), rotated by Secrets Manager with the two-key procedure
 * (functions/keys/rotation.ts). Functions read it again every few minutes,
 * so a rotation needs no deploy.
 */
export class TokenKeys extends Construct {
  readonly secret: Secret;
  rotation?: AppFunction;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `${Stack.of(this).stackName}/token-keys`,
      description: 'Verkosto token signing keys: rotated by the stack\'s rotation function (docs/operations.md)',
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ currentKid: 'k1' }),
        generateStringKey: 'current',
        excludePunctuation: true,
        passwordLength: 64,
      },
    });
  }

  /** The rotation function and its schedule. */
  addRotation(props: TokenKeysRotationProps): AppFunction {
    this.rotation = new AppFunction(this, 'Rotate', {
      code: props.code,
      description: 'Rotates the token signing keys (new key signs, the previous one still verifies)',
      timeoutSeconds: 30,
      failures: props.failures,
      tracing: props.tracing ?? false,
    });
    this.secret.addRotationSchedule('Rotation', {
      rotationLambda: this.rotation,
      automaticallyAfter: Duration.days(props.rotationDays ?? TOKEN_KEY_ROTATION_DAYS),
      // A deploy must not rotate: that would start the clock on dropping the previous key early.
      rotateImmediatelyOnUpdate: false,
    });
    Validations.of(this.rotation.role!).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'Added by addRotationSchedule: secretsmanager:GetRandomPassword has no resource (it reads no secret); every other action is on this one secret.',
    });
    return this.rotation;
  }
}
