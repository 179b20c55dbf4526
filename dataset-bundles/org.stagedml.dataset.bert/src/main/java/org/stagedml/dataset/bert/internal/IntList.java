package org.stagedml.dataset.bert.internal;

import java.util.Arrays;

/** A growing run of ints that can lose its first or last element cheaply (a segment being cut to fit). */
final class IntList {
    private int[] values = new int[64];
    private int start;
    private int end;

    void addAll(int[] more) {
        if (end + more.length > values.length) {
            int size = size();
            int[] grown = new int[Math.max(values.length * 2, size + more.length)];
            System.arraycopy(values, start, grown, 0, size);
            values = grown;
            start = 0;
            end = size;
        }
        System.arraycopy(more, 0, values, end, more.length);
        end += more.length;
    }

    int size() {
        return end - start;
    }

    void removeFirst() {
        check();
        start++;
    }

    void removeLast() {
        check();
        end--;
    }

    private void check() {
        if (end == start) {
            throw new IllegalStateException("nothing left to remove");
        }
    }

    void copyTo(int[] dest, int at) {
        System.arraycopy(values, start, dest, at, size());
    }

    int[] toArray() {
        return Arrays.copyOfRange(values, start, end);
    }
}
