// The charging contract state (SPEC 2.2, 4.7): counter values and last activation
// dates of a contract. A change names only what it sets; a read names everything.
import { DecimalText, Many, Obj, Opt, String256, WireDate, type Static } from './types.ts';

export const CounterValueSchema = Obj({ name: String256(), value: DecimalText() }, { xsdName: 'CounterValue' });
export type CounterValue = Static<typeof CounterValueSchema>;

export const ChargeActivationStateSchema = Obj(
  { chargeActivationId: String256(), lastActivationDate: Opt(WireDate()), counter: Many(CounterValueSchema) },
  { xsdName: 'ChargeActivationState' },
);
export type ChargeActivationState = Static<typeof ChargeActivationStateSchema>;

export const ContractItemStateSchema = Obj(
  { chargingContractItemId: String256(), counter: Many(CounterValueSchema), chargeActivation: Many(ChargeActivationStateSchema) },
  { xsdName: 'ContractItemState' },
);
export type ContractItemState = Static<typeof ContractItemStateSchema>;

export const ChargingContractStateSchema = Obj(
  { chargingContractId: String256(), sharedCounter: Many(CounterValueSchema), contractItemState: Many(ContractItemStateSchema) },
  { xsdName: 'ChargingContractState' },
);
export type ChargingContractState = Static<typeof ChargingContractStateSchema>;
