package org.stagedml.dataset.subword.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A character trie of the subtokens, so that the longest subtoken at a position is found in one walk
 * instead of one hash lookup per candidate length. Edges live in an open-addressing table keyed by
 * (node, char).
 */
final class SubtokenTrie {
    private long[] keys;
    private int[] children;
    private int edges;
    private int[] terminal = new int[16];
    private int nodes = 1;

    /** @param subtokens by id; ids below {@code firstId} are left out */
    SubtokenTrie(List<String> subtokens, int firstId) {
        int capacity = Integer.highestOneBit(Math.max(16, subtokens.size() * 8)) * 2;
        keys = new long[capacity];
        children = new int[capacity];
        Arrays.fill(keys, -1L);
        Arrays.fill(terminal, -1);
        for (int id = firstId; id < subtokens.size(); id++) {
            String s = subtokens.get(id);
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                node = child(node, s.charAt(i), true);
            }
            terminal[node] = id;
        }
    }

    /**
     * The id of the longest subtoken starting at {@code start}, with its end in the high half of the
     * result ({@code end << 32 | id}), or -1 when none matches.
     */
    long longest(String text, int start) {
        int node = 0;
        long best = -1;
        for (int i = start; i < text.length(); i++) {
            node = child(node, text.charAt(i), false);
            if (node < 0) {
                break;
            }
            if (terminal[node] >= 0) {
                best = ((long) (i + 1) << 32) | terminal[node];
            }
        }
        return best;
    }

    private int child(int node, char c, boolean create) {
        long key = ((long) node << 16) | c;
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != -1L) {
            if (keys[slot] == key) {
                return children[slot];
            }
            slot = (slot + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        int child = nodes++;
        if (child >= terminal.length) {
            int old = terminal.length;
            terminal = Arrays.copyOf(terminal, old * 2);
            Arrays.fill(terminal, old, terminal.length, -1);
        }
        keys[slot] = key;
        children[slot] = child;
        if (++edges * 2 > keys.length) {
            grow();
        }
        return child;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        children = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1L);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) {
                int slot = (int) (mix(oldKeys[i]) & mask);
                while (keys[slot] != -1L) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                children[slot] = oldChildren[i];
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
