package io.streamline.engine.exec;

import io.streamline.engine.runtime.OperatorHost;
import io.streamline.engine.state.KeyGroups;

/**
 * Where one checkpointed state of an operator instance lives: its id in the journal and commit records and, for
 * a keyed operator, the key groups the instance owns. Instance {@code i} of a keyed operator with several instances
 * has the id {@code <operatorId>_<i>} ({@code <operatorId>_<i>.timers} for its timers); with one instance, the
 * operator's id as before instances existed.
 *
 * @param stateId    the state's id
 * @param operatorId the id of the operator it belongs to
 * @param timers     whether it holds the operator's timers
 * @param owned      the key groups the instance owns; {@code null} for state not split by key
 */
record StatePlacement(String stateId, String operatorId, boolean timers, KeyGroups.Range owned) {
    /** The id of instance {@code instance}'s state when an operator runs {@code instances} instances. */
    static String instanceStateId(String operatorId, int instance, int instances) {
        return instances == 1 ? operatorId : operatorId + "_" + instance;
    }

    /** Whether the state is split into key groups. */
    boolean keyed() {
        return owned != null;
    }

    /**
     * Whether {@code otherStateId} is the same state of the same operator at any parallelism: what a restore reads
     * after the parallelism changed. Operator ids start with their unique plan id, so no other operator's state matches.
     */
    boolean sameOperator(String otherStateId) {
        String body = otherStateId;
        boolean otherTimers = body.endsWith(OperatorHost.TIMERS_SUFFIX);
        if (otherTimers != timers) {
            return false;
        }
        if (otherTimers) {
            body = body.substring(0, body.length() - OperatorHost.TIMERS_SUFFIX.length());
        }
        if (body.equals(operatorId)) {
            return true;
        }
        if (!body.startsWith(operatorId + "_") || body.length() == operatorId.length() + 1) {
            return false;
        }
        return body.substring(operatorId.length() + 1).chars().allMatch(Character::isDigit);
    }

    /** The instance a state id of this operator belongs to: the number after {@code _}, or 0 for none. */
    static int instanceOf(String stateId, String operatorId) {
        String body = stateId.endsWith(OperatorHost.TIMERS_SUFFIX)
                ? stateId.substring(0, stateId.length() - OperatorHost.TIMERS_SUFFIX.length()) : stateId;
        return body.length() > operatorId.length() + 1 ? Integer.parseInt(body.substring(operatorId.length() + 1)) : 0;
    }
}
