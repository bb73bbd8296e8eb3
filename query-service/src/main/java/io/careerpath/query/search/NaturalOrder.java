package io.careerpath.query.search;

import java.util.Comparator;

/**
 * Names in the order people expect: accents and case aside, and numbers by value, so that "Spine Probe 2"
 * comes before "Spine Probe 10".
 */
final class NaturalOrder implements Comparator<String> {

    static final NaturalOrder NAMES = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String left, String right) {
        String a = NameWords.normalised(left);
        String b = NameWords.normalised(right);
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endX = digitsEnd(a, i);
                int endY = digitsEnd(b, j);
                String numberX = stripZeros(a.substring(i, endX));
                String numberY = stripZeros(b.substring(j, endY));
                int byValue = numberX.length() != numberY.length()
                        ? Integer.compare(numberX.length(), numberY.length()) : numberX.compareTo(numberY);
                if (byValue != 0) {
                    return byValue;
                }
                i = endX;
                j = endY;
            } else if (x != y) {
                return Character.compare(x, y);
            } else {
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : left.compareTo(right);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripZeros(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }
}
