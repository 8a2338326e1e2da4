import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { Construct } from 'constructs';
import { alertTopicName, budgetName } from './constructs/monitoring.js';

export interface BudgetStackProps extends StackProps {
  /** The site stack's name: its alert topic hears the budget. */
  readonly siteStackName: string;
  /** The site stack's region, where the alert topic is. */
  readonly siteRegion: string;
  /** Monthly limit in USD (config `monthlyBudgetUsd`). */
  readonly monthlyUsd: number;
}

/**
 * The monthly AWS Budget. CloudFormation has AWS::Budgets::Budget in
 * us-east-1 only, so it is a stack of its own there, deployed after the
 * site stack: it names the site's alert topic by its ARN (the topic has a
 * fixed name), and the topic's policy and key let budgets.amazonaws.com
 * publish. A budget covers the whole account's cost, not one stack's.
 */
export class BudgetStack extends Stack {
  readonly budget: CfnBudget;

  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, props);
    const topicArn = `arn:${Aws.PARTITION}:sns:${props.siteRegion}:${Aws.ACCOUNT_ID}:${alertTopicName(props.siteStackName)}`;
    const to = [{ subscriptionType: 'SNS', address: topicArn }];
    this.budget = new CfnBudget(this, 'Budget', {
      budget: { budgetName: budgetName(props.siteStackName), budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: props.monthlyUsd, unit: 'USD' } },
      notificationsWithSubscribers: [
        { notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE' }, subscribers: to },
        { notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 100, thresholdType: 'PERCENTAGE' }, subscribers: to },
        { notification: { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: 100, thresholdType: 'PERCENTAGE' }, subscribers: to },
      ],
    });
  }
}
