// Validates several EPUBs in one JVM (EPUBCheck's CLI takes one file; JVM start-up dominates).
// Run as a single-file source program: java -cp epubcheck.jar EpubCheckMany.java A.epub B.epub
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckMany {
  public static void main(String[] args) {
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      new EpubCheck(new File(path), report).doValidate();
      System.out.println("RESULT fatal=" + report.getFatalErrorCount() + " error="
          + report.getErrorCount() + " warning=" + report.getWarningCount() + " " + path);
    }
  }
}
