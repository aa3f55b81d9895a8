package app.caseload.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, set up as STACK.md says: Debian's {@code /usr/bin/chromium}
 * and {@code /usr/bin/chromedriver} when present (Selenium Manager elsewhere), a fresh profile per
 * browser, and screenshots of the pages under {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /** The narrowest window headless Chromium opens; narrower ones are emulated. */
    private static final int MIN_WINDOW_WIDTH = 500;

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    public Browser(String base) {
        this(base, 1280, 900);
    }

    public Browser(String base, int width, int height) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("caseload-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        if (width < MIN_WINDOW_WIDTH) {
            // Headless Chromium keeps a window at least 500 px wide: a phone's width is emulated, at one
            // device pixel per CSS pixel. Not as a "mobile" device: that one zooms out to fit a page that
            // is too wide, so window.innerWidth would grow with the page and hide the overflow.
            options.setExperimentalOption(
                    "mobileEmulation",
                    java.util.Map.of(
                            "deviceMetrics",
                            java.util.Map.of(
                                    "width",
                                    width,
                                    "height",
                                    height,
                                    "pixelRatio",
                                    1.0,
                                    "mobile",
                                    false,
                                    "touch",
                                    true)));
        }
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toString());
        }
        if (Files.isExecutable(CHROMEDRIVER)) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            this.driver = new ChromeDriver(service, options);
        } else {
            this.driver = new ChromeDriver(options);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public WebElement find(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement find(String css) {
        return find(By.cssSelector(css));
    }

    /** Types into the input whose label reads {@code label} (a person finds fields by their labels). */
    public Browser fill(String label, String text) {
        WebElement input = byLabel(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public WebElement byLabel(String label) {
        WebElement labelElement = find(By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /**
     * Clicks the button or link whose visible text is {@code text}: one a person can see (the header's
     * sections are in the page twice, as a row of links and as the phone menu, one of them hidden).
     */
    public Browser click(String text) {
        // Buttons first: a page's own "Sign in" button, not the header's "Sign in" link.
        By button = By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "]");
        By link = By.xpath("//a[normalize-space()=" + xpathLiteral(text) + "]");
        WebElement shown = await().until(d -> {
            for (By by : new By[] {button, link}) {
                for (WebElement element : d.findElements(by)) {
                    if (element.isDisplayed() && element.isEnabled()) {
                        return element;
                    }
                }
            }
            return null;
        });
        shown.click();
        return this;
    }

    public Browser clickCss(String css) {
        await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
        return this;
    }

    /** The page's visible text, read again if the page was being replaced while reading. */
    public String text() {
        return await().until(d -> d.findElement(By.tagName("body")).getText());
    }

    /** Waits until the page shows {@code text} anywhere. */
    public Browser awaitText(String text) {
        try {
            await().until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        } catch (TimeoutException e) {
            throw failure("the text '" + text + "'", e);
        }
        return this;
    }

    public Browser awaitPath(String prefix) {
        try {
            await().until(d -> path().startsWith(prefix));
        } catch (TimeoutException e) {
            throw failure("the path " + prefix, e);
        }
        return this;
    }

    /** A failed wait, with a screenshot and what the page showed, so the report says what went wrong. */
    private AssertionError failure(String expected, TimeoutException e) {
        String name = "failure-" + System.currentTimeMillis();
        screenshot(name);
        return new AssertionError(
                "Waited in vain for " + expected + " at " + path() + " (screenshot " + name + ".png). The page shows:\n"
                        + text(),
                e);
    }

    public WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // A page being replaced (navigation, htmx swap) leaves stale elements behind: look again.
        wait.ignoring(StaleElementReferenceException.class);
        // Chromium reports a node of the old document as an inspector error rather than as stale.
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** Saves a PNG of the current page as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }
}
