import { describedBy, fieldId } from '$lib/components/field-id';

export { describedBy, fieldId };
