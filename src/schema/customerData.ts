// Customer data objects (SPEC 2.2), shared by provisioning, customer data
// export/import and the bulk files. Read-side fields (balance, currentState,
// operationalStatus, rechargingLockId, transferDate) are accepted and ignored on
// write, so that what a read returns can be sent back unchanged.
import { AdditionalInfoSchema } from './common.ts';
import { DecimalText, Empty, Enum, Int, List, Many, Obj, Opt, String2000, String256, WireDate, type Static } from './types.ts';

export const TAX_MODES = ['vendorSubjectToPay', 'buyerSubjectToPay', 'buyerExempted', 'noTax'] as const;

export const SubscriberAccountSchema = Obj(
  {
    id: String256(),
    subscriberId: String256(),
    description: Opt(String2000()),
    noTax: Opt(Empty()),
    tax: Opt(
      Obj(
        {
          mode: Enum(TAX_MODES, 'TaxMode'),
          vat: Opt(
            Obj(
              { taxCode: String256(), customerCountryCode: Opt(String256()), businessCategory: Opt(Enum(['B2B', 'B2C'] as const, 'BusinessCategory')) },
              { xsdName: 'Vat' },
            ),
          ),
        },
        { xsdName: 'Tax' },
      ),
    ),
    additionalInfo: Many(AdditionalInfoSchema),
  },
  { xsdName: 'SubscriberAccount', choice: [{ elements: ['noTax', 'tax'], optional: true }] },
);
export type SubscriberAccount = Static<typeof SubscriberAccountSchema>;

export const ExternalAccountSchema = Obj(
  {
    id: String256(),
    subscriberAccountId: String256(),
    description: Opt(String2000()),
    additionalId: Opt(String256()),
    currencyCode: Opt(String256()),
    externalSystemCode: Opt(String256()),
  },
  { xsdName: 'ExternalAccount' },
);
export type ExternalAccount = Static<typeof ExternalAccountSchema>;

export const PREPAID_STATES = ['active', 'blocked', 'locked', 'closed'] as const;
export type PrepaidState = (typeof PREPAID_STATES)[number];
export const SCHEDULED_PREPAID_STATES = ['blocked', 'locked', 'closed'] as const;

export const PrepaidAccountSchema = Obj(
  {
    id: String256(),
    subscriberAccountId: String256(),
    description: Opt(String2000()),
    currencyCode: String256(),
    emptyLimit: Opt(DecimalText()),
    balance: Opt(DecimalText('read side: the current balance')),
    currentState: Opt(Enum(PREPAID_STATES, 'PrepaidAccountState')),
    stateSchedule: Opt(
      Obj(
        { item: Many(Obj({ stateCode: Enum(SCHEDULED_PREPAID_STATES, 'ScheduledPrepaidAccountState'), fromDate: WireDate() }, { xsdName: 'StateScheduleItem' })) },
        { xsdName: 'StateSchedule' },
      ),
    ),
    amountAlert: Many(Obj({ alertCode: String256(), amountThreshold: DecimalText() }, { xsdName: 'AmountAlert' })),
    stateChangeAlert: Many(
      Obj(
        { alertCode: String256(), dayCount: Opt(Int({ minimum: 0 })), toStateCode: Enum(SCHEDULED_PREPAID_STATES, 'ScheduledPrepaidAccountState') },
        { xsdName: 'StateChangeAlert' },
      ),
    ),
  },
  { xsdName: 'PrepaidAccount' },
);
export type PrepaidAccount = Static<typeof PrepaidAccountSchema>;

export const ParameterSchema = Obj(
  { name: String256(), string: Opt(String2000()), date: Opt(WireDate()), number: Opt(DecimalText()) },
  { xsdName: 'Parameter', choice: [{ elements: ['string', 'date', 'number'] }] },
);
export const CounterReferenceSchema = Obj({ name: String256(), namespace: Opt(String256()) }, { xsdName: 'CounterReference' });
export const UserTechnicalIdentifierSchema = Obj({ name: String256(), userServiceId: String256() }, { xsdName: 'UserTechnicalIdentifier' });
export const ACCOUNT_ASSIGNMENT_TYPES = ['prepaid', 'postpaid'] as const;
export const AccountAssignmentSchema = Obj(
  { name: String256(), accountId: String256(), type: Enum(ACCOUNT_ASSIGNMENT_TYPES, 'AccountAssignmentType') },
  { xsdName: 'AccountAssignment' },
);

export const PeriodSchema = Obj(
  {
    start: WireDate(),
    end: Opt(WireDate()),
    parameter: Many(ParameterSchema),
    sharedCounter: Many(CounterReferenceSchema),
    pooledCounter: Many(CounterReferenceSchema),
    userTechnicalIdentifier: Many(UserTechnicalIdentifierSchema),
    accountAssignment: Many(AccountAssignmentSchema),
  },
  { xsdName: 'Period' },
);
export type Period = Static<typeof PeriodSchema>;

export const ChargingContractItemSchema = Obj(
  {
    id: String256(),
    chargePlanClassId: Opt(String256()),
    refillPlanClassId: Opt(String256()),
    monitoringPlanClassId: Opt(String256()),
    externalId: Opt(String256()),
    period: List(PeriodSchema, { min: 1 }),
  },
  { xsdName: 'ChargingContractItem', choice: [{ elements: ['chargePlanClassId', 'refillPlanClassId', 'monitoringPlanClassId'] }] },
);
export type ChargingContractItem = Static<typeof ChargingContractItemSchema>;

export const AllowanceSchema = Obj(
  { id: String256(), allowancePlanId: String256(), start: WireDate(), end: Opt(WireDate()) },
  { xsdName: 'Allowance' },
);

export const OPERATIONAL_STATUSES = ['active', 'locked', 'closed'] as const;
export type OperationalStatus = (typeof OPERATIONAL_STATUSES)[number];
export const OperationalStatusSchema = Enum(OPERATIONAL_STATUSES, 'OperationalStatus');

export const ChargingContractSchema = Obj(
  {
    id: String256(),
    subscriberAccountId: String256(),
    rootChargingContractId: Opt(String256()),
    additionalInfo: Many(AdditionalInfoSchema),
    chargingContractItem: Many(ChargingContractItemSchema),
    allowance: Many(AllowanceSchema),
    operationalStatus: Opt(OperationalStatusSchema),
    rechargingLockId: Opt(String256()),
    transferDate: Opt(WireDate()),
  },
  { xsdName: 'ChargingContract' },
);
export type ChargingContract = Static<typeof ChargingContractSchema>;

const CellValues = { string: Opt(String2000()), currency: Opt(String256()), number: Opt(DecimalText()) };

export const MappingTableColumnSchema = Obj(
  { name: String256(), ...CellValues },
  { xsdName: 'MappingTableColumn', choice: [{ elements: ['string', 'currency', 'number'] }] },
);
export const MappingTableRowSchema = Obj(
  { id: String256(), start: WireDate(), end: WireDate(), column: List(MappingTableColumnSchema, { min: 1 }) },
  { xsdName: 'MappingTableRow' },
);
export type MappingTableRow = Static<typeof MappingTableRowSchema>;

export const SubscriberMappingTableSchema = Obj(
  {
    id: String256(),
    mappingTableClassId: String256(),
    subscriberAccountId: String256(),
    additionalInfo: Many(AdditionalInfoSchema),
    row: Many(MappingTableRowSchema),
  },
  { xsdName: 'SubscriberMappingTable' },
);
export type SubscriberMappingTable = Static<typeof SubscriberMappingTableSchema>;

export const RangeTableInputSchema = Obj(
  { name: String256(), ...CellValues },
  { xsdName: 'RangeTableInput', choice: [{ elements: ['string', 'currency', 'number'] }] },
);
export const RangeTableOutputSchema = Obj(
  { name: String256(), string: Opt(String2000()), number: Opt(DecimalText()) },
  { xsdName: 'RangeTableOutput', choice: [{ elements: ['string', 'number'] }] },
);
export const RangeTableRowSchema = Obj(
  {
    id: String256(),
    start: WireDate(),
    end: Opt(WireDate()),
    input: Many(RangeTableInputSchema, 5),
    upperBound: Opt(DecimalText()),
    output: Many(RangeTableOutputSchema),
  },
  { xsdName: 'RangeTableRow' },
);
export type RangeTableRow = Static<typeof RangeTableRowSchema>;

export const SubscriberRangeTableSchema = Obj(
  {
    id: String256(),
    rangeTableClassId: String256(),
    subscriberAccountId: String256(),
    description: Opt(String2000()),
    row: Many(RangeTableRowSchema),
  },
  { xsdName: 'SubscriberRangeTable' },
);
export type SubscriberRangeTable = Static<typeof SubscriberRangeTableSchema>;

export const CustomerDataSchema = Obj(
  {
    subscriberAccount: SubscriberAccountSchema,
    externalAccount: Many(ExternalAccountSchema),
    prepaidAccount: Many(PrepaidAccountSchema),
    subscriberMappingTable: Many(SubscriberMappingTableSchema),
    subscriberRangeTable: Many(SubscriberRangeTableSchema),
    chargingContract: Many(ChargingContractSchema),
  },
  { xsdName: 'CustomerData' },
);
export type CustomerData = Static<typeof CustomerDataSchema>;
