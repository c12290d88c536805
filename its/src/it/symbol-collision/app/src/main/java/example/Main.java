package example;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Both libraries are in the process; each binding resolved square() within its own dependencies.
        System.out.println("sq1.square(7)=" + Sq1.square(7));
        System.out.println("sq2.square(7)=" + Sq2.square(7));
    }
}
